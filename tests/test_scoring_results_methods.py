"""The result classes share one ``__repr__`` and ``__eq__`` (issue 15, target 1):
they answer as the methods ``@dataclass`` wrote for each class did. No test measures time."""

from __future__ import annotations

import dataclasses
import math

import pytest

from crmselect.scoring import results
from crmselect.scoring.results import Disagreement, FxFlip, ScoreNote, ScoringWarning, WeightNode

CLASSES = [c for c in vars(results).values()
           if isinstance(c, type) and dataclasses.is_dataclass(c)]


def _generated(cls: type) -> type:
    """The same fields in a class whose __repr__ and __eq__ @dataclass writes."""
    fields = [(f.name, f.type, dataclasses.field(default=None, repr=f.repr, compare=f.compare))
              for f in dataclasses.fields(cls)]
    twin = dataclasses.make_dataclass(cls.__name__, fields, slots=True)
    twin.__qualname__ = cls.__qualname__
    return twin


def _values(cls: type, seed: int) -> dict:
    values = [1, 2.5, "x", None, [1, 2], {"a": 1}, math.nan, True, "é'\"", -0.0]
    return {f.name: values[(i + seed) % len(values)]
            for i, f in enumerate(dataclasses.fields(cls))}


def test_every_result_class_shares_the_methods():
    assert len(CLASSES) == 24
    for cls in CLASSES:
        assert "__repr__" not in vars(cls) and "__eq__" not in vars(cls), cls
        assert cls.__hash__ is None, cls  # unhashable, as a mutable dataclass
        assert not hasattr(cls(**_values(cls, 0)), "__dict__"), cls  # still slotted
        assert not cls.__doc__.startswith(cls.__name__ + "("), cls  # documented


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@pytest.mark.parametrize("seed", range(3))
def test_the_shared_methods_answer_as_the_generated_ones(cls, seed):
    twin = _generated(cls)
    a, b = _values(cls, seed), _values(cls, seed + 1)
    assert repr(cls(**a)) == repr(twin(**a))
    for left, right in ((a, a), (a, b), (b, a), (a, dict(a))):
        assert (cls(**left) == cls(**right)) == (twin(**left) == twin(**right))
        assert (cls(**left) != cls(**right)) == (twin(**left) != twin(**right))
    same = cls(**a)
    assert same == same  # NaN fields: the same object is equal, as in a tuple


def test_fields_left_out_of_repr_and_comparison_stay_out():
    one = ScoringWarning("tied_rank", {"rank": 1}, names={"a": "A"})
    other = ScoringWarning("tied_rank", {"rank": 1}, people={"e": "E"})
    assert one == other
    assert repr(one) == "ScoringWarning(code='tied_rank', params={'rank': 1})"
    assert one != ScoringWarning("tied_rank", {"rank": 2})


def test_another_class_or_type_is_never_equal():
    flip = FxFlip(1.5, "a")
    assert flip != (1.5, "a") and flip != ScoreNote("a", 1.5, "")
    assert flip.__eq__(1.5) is NotImplemented
    with pytest.raises(TypeError):
        hash(flip)


def test_nested_results_and_a_cycle():
    note = ScoreNote("ayse", 2.0, "eksik")
    d = Disagreement("v", "R-1", 3.0, 2, 3.5, None, [note])
    assert repr(d) == ("Disagreement(vendor='v', target='R-1', spread=3.0, n_scorers=2, "
                       "aggregate=3.5, consensus=None, scores=[ScoreNote(evaluator='ayse', "
                       "score=2.0, note='eksik')])")
    node = WeightNode("root", "root", 1.0, 1.0, 1.0)
    node.children.append(node)  # not something an evaluation builds: repr still ends
    assert repr(node) == ("WeightNode(id='root', kind='root', raw=1.0, local=1.0, weight=1.0, "
                          "children=[...])")


def _reference_plain(value, render=None):  # noqa: ANN001, ANN202
    """results._plain as it was before its fast paths: the order of the checks that decides."""
    import datetime as dt

    from crmselect.model import Text

    if isinstance(value, ScoringWarning):
        return value.to_dict(render)
    if isinstance(value, Text):
        return {"en": value.en, "tr": value.tr}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _reference_plain(getattr(value, f.name), render)
                for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _reference_plain(v, render) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_reference_plain(v, render) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):
        return _reference_plain(value.item(), render)
    return value


def test_plain_values_are_those_of_the_general_order():
    import datetime as dt
    import enum

    import numpy as np

    from crmselect.model import Text

    class Kind(enum.StrEnum):
        A = "a"

    class Score(float):
        pass

    values = ["x", 1, True, None, 1.5, math.nan, -math.inf, np.float64(math.nan),
              np.float64(2.5), np.int64(3), np.bool_(True), Kind.A, Score(math.inf),
              dt.date(2027, 1, 2), dt.datetime(2027, 1, 2, 3, 4), (1, math.nan),
              {1: [math.inf, {"a": (2,)}]}, Text(en="Yes", tr="Evet"),
              FxFlip(math.nan, "a"), ScoringWarning("c", {"x": math.inf, 2: [np.int64(1)]}),
              [WeightNode("r", "root", 1.0, 1.0, 1.0, [WeightNode("c", "criterion", 2, 0.5,
                                                                 np.float64(0.5))])]]
    for value in values:
        got, expected = results._plain(value), _reference_plain(value)
        assert repr(got) == repr(expected), value  # repr: NaN is never == itself
        assert type(got) is type(expected)


def test_the_sample_evaluation_gives_the_same_plain_tree(sample_project):
    from crmselect.scoring import evaluate

    ev = evaluate(sample_project)
    data = ev.to_dict()
    assert data.pop("verdict") == {"code": "winner", "first": ["odoo"]}  # added after `winner`
    assert repr(data) == repr(_reference_plain(ev))


def test_field_names_are_looked_up_once_per_class(monkeypatch):
    calls = []
    real = dataclasses.fields

    def counting(obj):  # noqa: ANN001, ANN202
        calls.append(type(obj))
        return real(obj)

    monkeypatch.setattr(results, "_FIELD_NAMES", {})
    monkeypatch.setattr(dataclasses, "fields", counting)
    notes = [ScoreNote(f"e{i}", i / 2, "") for i in range(50)]
    tree = results._plain([Disagreement("v", f"R-{i}", 2.0, 2, 3.0, None, notes)
                           for i in range(20)])
    assert len(tree) == 20 and tree[0]["scores"][49] == {"evaluator": "e49", "score": 24.5,
                                                         "note": ""}
    assert sorted(c.__name__ for c in calls) == ["Disagreement", "ScoreNote"]
