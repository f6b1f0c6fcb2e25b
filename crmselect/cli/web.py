"""Commands for the evaluator web form: ``serve`` and ``invite``."""

from __future__ import annotations

from pathlib import Path

import click

from crmselect.i18n.compat import current_language, t
from crmselect.i18n.formatting import format_datetime_utc
from crmselect.i18n.language import explicit, resolve

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default serves this machine only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0 picks a free one).")
@click.option("--db", "db_url", metavar="URL",
              help="SQLAlchemy URL of the evaluation database "
                   "[default: SQLite DIRECTORY/evaluation.db].")
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64),
              help="Worker threads.")
@click.option("--behind-https", is_flag=True,
              help="The app is served through an https proxy: Secure cookies, HSTS, and the "
                   "client address and scheme from the proxy's X-Forwarded-For and "
                   "X-Forwarded-Proto (trusted only from --trusted-proxy).")
@click.option("--trusted-proxy", default="127.0.0.1", show_default=True, metavar="ADDRESS",
              help="With --behind-https: the address the proxy connects from; its "
                   "X-Forwarded-* headers are used, anyone else's are dropped.")
@click.option("--setup", "setup_pages", is_flag=True,
              help="Also serve the project setup pages (/setup) to the facilitator: they edit "
                   "project.yaml.")
def serve(directory: Path, host: str, port: int, db_url: str | None, threads: int,
          behind_https: bool, trusted_proxy: str, setup_pages: bool = False) -> None:
    """Serve the evaluator web form for a project (with waitress).

    \b
    Examples:
      crmselect serve acme
      crmselect serve acme --port 8080
      crmselect serve acme --host 0.0.0.0 --behind-https \\
          --db postgresql+psycopg://crm:secret@db.internal/acme
    """
    from sqlalchemy import make_url
    from waitress import create_server

    from crmselect.evaluationdb import default_url
    from crmselect.model import localize
    from crmselect.webapp import create_app

    app = create_app(directory, db_url, test_config={"BEHIND_HTTPS": behind_https,
                                                     "SETUP": setup_pages})
    server = create_server(app, host=host, port=port, threads=threads, ident="crmselect",
                           **proxy_options(behind_https, trusted_proxy))
    lang = current_language()
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{server.effective_port}/"  # type: ignore[union-attr]
    database = make_url(db_url or default_url(directory)).render_as_string(hide_password=True)
    project_name = localize(app.extensions["crmselect"].source.get().project.name, lang)
    if host not in LOOPBACK and not behind_https:
        click.echo(t("web_not_loopback", lang, host=host), err=True)
    click.echo(t("web_serving", lang, project=project_name, url=url, db=database), err=True)
    if setup_pages:
        _announce_setup(app, url, lang)
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo(t("web_stopped", lang), err=True)
    finally:
        server.close()


def _announce_setup(app: object, url: str, lang: str) -> None:
    """Print where the setup pages are and, for a facilitator without a password yet (a new
    project), a one-time link to set one: the only way in when nobody has an account."""
    from crmselect.evaluationdb.accounts import account, create_invitation

    context = app.extensions["crmselect"]  # type: ignore[attr-defined]
    view = context.source.get()
    click.echo(t("setup_pages_at", lang, url=f"{url}setup/"), err=True)
    for person in view.project.evaluators:
        if person.role != "facilitator":
            continue
        with context.db.read() as s:
            found = account(s, person.id)
        if found is None or found.password_hash is None:
            token, expires = create_invitation(context.db, person.id, days=1, actor="cli")
            click.echo(t("setup_signin_link", lang, name=person.name,
                         url=f"{url}invite/{token}",
                         date=format_datetime_utc(expires, lang)), err=True)


def starter_project(lang: str, facilitator: str) -> str:
    """The ``project.yaml`` the setup pages start from: a name, the organisation, and the
    facilitator (whose pages they are); everything else is filled in the browser."""
    import json

    from crmselect.personid import person_id

    names = {"en": ("CRM selection", "Your company"), "tr": ("CRM seçimi", "Şirketiniz")}
    name, org = names.get(lang, names["en"])
    person = facilitator.strip() or ("Moderatör" if lang == "tr" else "Facilitator")
    quoted = json.dumps(person, ensure_ascii=False)
    login = person_id(person) or "facilitator"
    return (
        "# yaml-language-server: $schema=schemas/project.schema.json\n"
        + t("setup_file_comment", lang) + "\n"
        f"name: {name}\n"
        "organisation:\n"
        f"  name: {org}\n"
        f"language: {lang}\n"
        f"currency: {'TRY' if lang == 'tr' else 'EUR'}\n"
        "evaluators:\n"
        f"  - {{id: {login}, name: {quoted}, role: facilitator}}\n"
    )


@click.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The default serves this machine only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0 picks a free one).")
@click.option("--db", "db_url", metavar="URL",
              help="SQLAlchemy URL of the evaluation database "
                   "[default: SQLite DIRECTORY/evaluation.db].")
@click.option("--lang", type=click.Choice(["en", "tr"]),
              help="Language of a new project [default: the interface language].")
@click.option("--facilitator", "facilitator_name", default="", metavar="NAME",
              help="Name of the facilitator of a new project.")
def setup(directory: Path, host: str, port: int, db_url: str | None, lang: str | None,
          facilitator_name: str) -> None:
    """Build a project in the browser: create DIRECTORY if needed and serve the setup pages.

    A new project starts with a name, the organisation and its facilitator; the command
    prints a one-time link with which the facilitator sets a password, then the pages under
    /setup fill in the rest (organisation, budget, timeline, requirements, weights,
    evaluators, vendors, scenarios). An existing project is opened as it is.

    \b
    Examples:
      crmselect setup acme
      crmselect setup acme --lang tr --facilitator "Selin Aydın"
    """
    from crmselect.atomicfile import make_folder, write_text_atomic
    from crmselect.errors import CrmselectError, Issue
    from crmselect.scaffold import write_gitignore, write_schemas

    if directory.exists() and not directory.is_dir():
        raise CrmselectError(Issue(file=str(directory), message=t("core_not_a_folder",
                                                                 current_language())))
    project_file = directory / "project.yaml"
    if not project_file.exists():
        language = lang or current_language()
        make_folder(directory)
        write_text_atomic(project_file, starter_project(language, facilitator_name))
        write_schemas(directory / "schemas")
        write_gitignore(directory)
        click.echo(t("setup_created", current_language(), file=str(project_file)), err=True)
    serve.callback(directory, host, port, db_url, 4, False, "127.0.0.1",  # type: ignore[misc]
                   setup_pages=True)


def proxy_options(behind_https: bool, trusted_proxy: str) -> dict[str, object]:
    """Waitress settings for the proxy in front, if any.

    Why waitress and not the app reads the headers: waitress uses X-Forwarded-For only on
    connections from ``trusted_proxy`` (the client address then is the proxy's last hop), and
    drops the headers on every other connection, so nobody can choose the address the
    sign-in back-off counts by sending the header themselves.
    """
    if not behind_https:
        return {"clear_untrusted_proxy_headers": True}
    return {
        "trusted_proxy": trusted_proxy,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
                                  "x-forwarded-port"},
        "clear_untrusted_proxy_headers": True,
    }


def _web_address(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """``--base-url`` as the links start: an http(s) address with a host, or a usage error
    (a link made of "notaurl/invite/…" would reach nobody)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a malformed port or IPv6 address
        ok = False
    if not ok:
        raise click.BadParameter(t("invite_base_url", current_language(), value=value))
    return value


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True,
              callback=_web_address, help="The address people open the web form at.")
@click.option("--db", "db_url", metavar="URL",
              help="SQLAlchemy URL of the evaluation database "
                   "[default: SQLite DIRECTORY/evaluation.db].")
@click.option("--evaluator", "only", multiple=True, metavar="ID",
              help="Invite only this person (repeatable). Default: everyone in project.yaml.")
@click.option("--days", default=14, show_default=True, type=click.IntRange(1, 90),
              help="Days until the links expire.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def invite(directory: Path, base_url: str, db_url: str | None, only: tuple[str, ...],
           days: int, fmt: str) -> None:
    """Print one-time invitation links with which each person sets a password.

    Only a hash of each link's token is stored; a new link replaces the person's earlier
    unused one.

    \b
    Examples:
      crmselect invite acme --base-url https://crm-eval.example.com
      crmselect invite acme --evaluator ayse --days 3
      crmselect invite acme --format json > links.json
    """
    from crmselect.errors import CrmselectError, Issue, did_you_mean
    from crmselect.evaluationdb import Database, default_url
    from crmselect.evaluationdb.accounts import create_invitation
    from crmselect.project import load_project

    loaded = load_project(directory)
    lang = resolve(explicit(), loaded.language)
    people = {p.id: p for p in loaded.project.evaluators}
    project_file = str(directory / "project.yaml")
    if not people:
        raise CrmselectError(Issue(file=project_file, where="evaluators",
                                   message=t("invite_nobody", lang)))
    unknown = [Issue(file=project_file, where="evaluators",
                     message=t("invite_no_such_person", lang, id=pid),
                     hint=did_you_mean(pid, people)) for pid in only if pid not in people]
    if unknown:
        raise CrmselectError(unknown)
    db = Database(db_url or default_url(directory))
    db.migrate()
    rows = []
    expires = None
    for pid in only or list(people):
        token, expires = create_invitation(db, pid, days=days, actor="cli")
        person = people[pid]
        rows.append({"id": pid, "name": person.name, "email": person.email,
                     "role": person.role, "url": f"{base_url.rstrip('/')}/invite/{token}",
                     "expires": expires.isoformat()})
    db.dispose()
    if fmt == "json":
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        who = f"{row['name']} ({t('role_' + row['role'], lang)})"
        if row["email"]:
            who += f" <{row['email']}>"
        click.echo(f"{who}\n  {row['url']}")
    assert expires is not None
    click.echo(t("invite_expiry", lang, n=len(rows), date=format_datetime_utc(expires, lang)),
               err=True)


COMMANDS = [serve, invite, setup]
