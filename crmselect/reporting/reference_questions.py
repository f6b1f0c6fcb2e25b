"""Reference-check questions for each finalist, from its weakest and least-verified requirements.

Why: reference calls usually ask "are you happy with them?" and learn nothing. Asked about the
requirements where the finalist scored low, where only its own word supports the score, or
where it needs custom development, a third-party product or a roadmap promise, a reference
customer can tell what the demo did not show. The calls then happen before the decision and
ask about real risks.

Data in, bilingual texts out: :func:`reference_questions` reads the evaluation and returns each
question in English and Turkish; the document picks its language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crmselect.model import LANGUAGES, localize
from crmselect.project import LoadedProject
from crmselect.scoring.results import Evaluation, RequirementScore

#: Question texts by reason; ``{requirement}`` is the requirement's title in the same language.
QUESTIONS: dict[str, dict[str, str]] = {
    "custom": {
        "en": "The vendor proposes custom development for “{requirement}”. Did you need custom "
              "code too? How long did it take, and did it survive the product's upgrades?",
        "tr": "Tedarikçi “{requirement}” için özel geliştirme öneriyor. Sizde de özel kod "
              "gerekti mi? Ne kadar sürdü ve ürünün sürüm yükseltmelerinden sonra çalışmaya "
              "devam etti mi?",
    },
    "third_party": {
        "en": "“{requirement}” needs a third-party product. Which one do you use, what does it "
              "cost you each year, and who supports it when something breaks between the two?",
        "tr": "“{requirement}” için üçüncü taraf bir ürün gerekiyor. Hangisini kullanıyorsunuz, "
              "yıllık maliyeti nedir ve iki ürün arasında bir sorun çıktığında desteği kim "
              "veriyor?",
    },
    "roadmap": {
        "en": "“{requirement}” is only on the vendor's roadmap. Has the vendor delivered what it "
              "promised you on its roadmap, and on time?",
        "tr": "“{requirement}” henüz tedarikçinin yol haritasında. Tedarikçi size yol haritasında "
              "söz verdiklerini teslim etti mi, zamanında mı teslim etti?",
    },
    "disagreement": {
        "en": "Our evaluators judged “{requirement}” differently. How well does it work for you "
              "in daily use, and what did you have to change to make it work?",
        "tr": "Değerlendiricilerimiz “{requirement}” konusunda farklı düşündü. Günlük kullanımda "
              "sizde ne kadar iyi çalışıyor, çalışması için neyi değiştirmeniz gerekti?",
    },
    "declared_only": {
        "en": "How long did it take you to get “{requirement}” working, and did it need custom "
              "development?",
        "tr": "“{requirement}” gereksinimini çalışır hale getirmeniz ne kadar sürdü, özel "
              "geliştirme gerekti mi?",
    },
    "not_shown_live": {
        "en": "We did not see “{requirement}” working live. Do you use it every day? What does "
              "it do well, and where do you work around it?",
        "tr": "“{requirement}” gereksinimini canlı çalışırken görmedik. Siz bunu her gün "
              "kullanıyor musunuz? Neyi iyi yapıyor, nerede geçici çözümlerle idare ediyorsunuz?",
    },
    "weak": {
        "en": "“{requirement}” was one of the vendor's weaker points for us. How does it work "
              "for you, and what workarounds or add-ons do you use?",
        "tr": "“{requirement}” bizim değerlendirmemizde tedarikçinin zayıf noktalarından biriydi. "
              "Sizde nasıl çalışıyor, hangi geçici çözümleri ya da eklentileri kullanıyorsunuz?",
    },
    "check": {
        "en": "How well does “{requirement}” work for you day to day?",
        "tr": "“{requirement}” günlük kullanımda sizin için ne kadar iyi çalışıyor?",
    },
}
#: Questions asked of every reference, whatever the scores.
GENERAL: dict[str, dict[str, str]] = {
    "timeline": {
        "en": "How long did your implementation take compared with the vendor's plan, and "
              "what caused the difference?",
        "tr": "Uygulamanız tedarikçinin planına göre ne kadar sürdü, fark neden kaynaklandı?",
    },
    "support": {
        "en": "When you open an urgent support request, how quickly is it answered and solved, "
              "in Turkish?",
        "tr": "Acil bir destek talebi açtığınızda ne kadar sürede, Türkçe olarak yanıtlanıyor "
              "ve çözülüyor?",
    },
    "cost": {
        "en": "Did your total cost after the first year match the proposal? What was not in it?",
        "tr": "İlk yıldan sonraki toplam maliyetiniz teklifle örtüştü mü? Teklifte olmayan neler "
              "çıktı?",
    },
}
#: The general questions asked instead for an organisation outside Türkiye: a British firm's
#: reference is not asked whether support answers in Turkish.
GENERAL_ABROAD: dict[str, dict[str, str]] = {
    "support": {
        "en": "When you open an urgent support request, how quickly is it answered and solved?",
        "tr": "Acil bir destek talebi açtığınızda ne kadar sürede yanıtlanıyor ve çözülüyor?",
    },
}
#: Reasons in the order they are preferred when a requirement has several.
REASONS = ("custom", "third_party", "roadmap", "disagreement", "declared_only",
           "not_shown_live", "weak", "check")


@dataclass(frozen=True)
class ReferenceQuestion:
    """One question for a finalist's reference customers, in every document language."""

    vendor: str
    requirement: str | None
    reason: str
    text: dict[str, str] = field(default_factory=dict)

    def get(self, lang: str) -> str:
        return self.text.get(lang) or self.text["en"]


def finalists(evaluation: Evaluation, n: int = 3) -> list[str]:
    """The first ``n`` vendors of the ranking that pass the knock-out (all ranked when none do)."""
    passing = [r.vendor for r in evaluation.ranking if not r.knocked_out]
    return (passing or [r.vendor for r in evaluation.ranking])[:n]


def _requirement_scores(evaluation: Evaluation, vendor: str) -> list[RequirementScore]:
    return [rs for c in evaluation.vendors[vendor].criteria for a in c.areas
            for g in a.groups for rs in g.requirements]


def _reason(rs: RequirementScore, disputed: set[str]) -> str:
    if rs.declared in ("custom", "third_party", "roadmap"):
        return rs.declared
    if rs.requirement in disputed:
        return "disagreement"
    if rs.source == "declared":
        return "declared_only"
    if rs.declared == "native" and rs.shown != "live":
        return "not_shown_live"
    if rs.score < 3:
        return "weak"
    return "check"


def _risk(rs: RequirementScore, top_weight: float, disputed: set[str]) -> float:
    """How much a reference call could tell about this requirement (higher first)."""
    w = rs.weight / top_weight if top_weight else 0.0
    risk = w * (5 - rs.score) / 5
    if rs.source == "declared":
        risk += 0.5 * w
    elif rs.declared == "native" and rs.shown != "live":
        risk += 0.3 * w
    if rs.declared in ("custom", "third_party", "roadmap"):
        risk += 1.0 * w  # a named risk of the bid: always worth a reference's experience
    if rs.requirement in disputed:
        risk += 0.2 * w
    return risk


def reference_questions(lp: LoadedProject, evaluation: Evaluation, n_finalists: int = 3,
                        per_vendor: int = 5) -> dict[str, list[ReferenceQuestion]]:
    """Finalist → its questions: ``per_vendor`` about its riskiest requirements, then the
    general ones. Requirements that carry no weight (*wont*) are never asked about."""
    out: dict[str, list[ReferenceQuestion]] = {}
    for vendor in finalists(evaluation, n_finalists):
        scores = [rs for rs in _requirement_scores(evaluation, vendor) if rs.weight > 0]
        disputed = {d.target for d in evaluation.disagreements if d.vendor == vendor}
        top = max((rs.weight for rs in scores), default=0.0)
        ranked = sorted(scores, key=lambda rs: (-round(_risk(rs, top, disputed), 9),
                                                -rs.weight, rs.requirement))
        questions = []
        for rs in ranked[:per_vendor]:
            reason = _reason(rs, disputed)
            title = lp.requirements[rs.requirement].requirement.title
            questions.append(ReferenceQuestion(vendor, rs.requirement, reason, {
                lang: QUESTIONS[reason][lang].format(requirement=localize(title, lang))
                for lang in LANGUAGES}))
        abroad = lp.project.organisation.country.upper() not in ("", "TR")
        for key, texts in GENERAL.items():
            texts = GENERAL_ABROAD.get(key, texts) if abroad else texts
            questions.append(ReferenceQuestion(vendor, None, f"general_{key}", dict(texts)))
        out[vendor] = questions
    return out
