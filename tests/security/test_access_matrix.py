"""The access matrix, generated: every registered model × every door (list page, detail page, API
list, API detail, export, import page, global search) × every role, in scope and out of scope.
A role sees in-scope data through a door only if it holds that door's action, and nobody ever sees
another township's data through any door. The suite fails on any leak."""

import pytest
from django.urls import reverse

from orgwork.accounts.roles import ROLE_ACTIONS
from orgwork.core.registry import registry
from tests.cadres.cases import ALL as CADRES_CASES
from tests.cases import CaseByOrgCases, OrgCases, PersonCases, TeamSeatCases, TermCases
from tests.factories import login_verified, make_user
from tests.grassroots.cases import MATRIX_CASES as GRASSROOTS_CASES
from tests.members.cases import MEMBER_CASES
from tests.talent.cases import TALENT_CASES  # talent app (issue 8)
from tests.training.cases import TRAINING_CASES

pytestmark = pytest.mark.django_db

CASES = [
    OrgCases,
    TermCases,
    TeamSeatCases,
    PersonCases,
    CaseByOrgCases,
    *TRAINING_CASES,
    *MEMBER_CASES,
    *GRASSROOTS_CASES,
    *CADRES_CASES,
    *TALENT_CASES,
]
SCOPED = ["org_admin", "org_staff", "viewer"]
GLOBAL = ["system_admin", "security_admin", "auditor"]


def marker(cases, obj) -> str:
    attr = getattr(cases, "marker_attr", None)
    return str(getattr(obj, attr) if attr else obj)


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8-sig", errors="replace")
    return response.content.decode("utf-8", errors="replace")


def test_every_registered_model_is_in_the_matrix():
    covered = {c.model for c in CASES}
    assert set(registry) <= covered, "add a Cases class to tests/cases.py and to CASES"


@pytest.mark.parametrize("cases", CASES, ids=lambda c: c.model.__name__)
@pytest.mark.parametrize("role", SCOPED + GLOBAL)
def test_doors(client, tree, cases, role):
    c = cases()
    mine, theirs = c.make_in_scope(tree), c.make_out_of_scope(tree)
    mine_text, theirs_text = marker(cases, mine), marker(cases, theirs)
    user = make_user(f"m_{role}", role, tree["town_a"] if role in SCOPED else None)
    login_verified(client, user) if role in GLOBAL else client.force_login(user)
    actions = ROLE_ACTIONS[role]
    cfg = registry[cases.model]
    list_url = reverse(cfg.url_name("list"))
    api = f"/api/{cfg.app_label}/{cfg.api_path}/"

    # list page: mine iff "view"; theirs never
    page = client.get(list_url)
    text = body(page)
    assert theirs_text not in text
    if "view" in actions:
        assert page.status_code == 200 and mine_text in text
    else:
        assert page.status_code in (403, 404) or mine_text not in text

    # API list, by id: mine iff "view"; theirs never
    api_list = client.get(api + "?limit=500")
    ids = {r["id"] for r in api_list.json().get("results", [])} if api_list.status_code == 200 else set()
    assert theirs.pk not in ids
    assert (mine.pk in ids) == ("view" in actions)

    # detail page and API detail: theirs is always the same 404 as a missing record
    for url in (reverse(cfg.url_name("detail"), args=[theirs.pk]), f"{api}{theirs.pk}/"):
        assert client.get(url).status_code == 404
    mine_status = client.get(reverse(cfg.url_name("detail"), args=[mine.pk])).status_code
    assert mine_status == (200 if "view" in actions else 404) or (
        mine_status == 403 and "view" not in actions
    )

    # export: mine iff "view" and "export"; theirs never
    export = client.get(list_url + "?_export=csv")
    text = body(export)
    assert theirs_text not in text
    if {"view", "export"} <= actions:
        assert export.status_code == 200 and mine_text in text
    else:
        assert export.status_code in (403, 404) or mine_text not in text

    # import page: only with "import" and "add" or "change"
    if cfg.importer is not None:
        status = client.get(reverse(cfg.url_name("import"))).status_code
        may = "import" in actions and bool({"add", "change"} & actions)
        assert (status == 200) == may

    # global search never shows the other township's people or orgs
    target = getattr(theirs, cases.marker_attr) if getattr(cases, "marker_attr", None) else theirs
    target_url = reverse(registry[type(target)].url_name("detail"), args=[target.pk])
    search = body(client.get(reverse("people:search"), {"q": theirs_text[:2]}))
    assert target_url not in search
    if "view" in actions:  # the door works: the same search finds the user's own record
        own = getattr(mine, cases.marker_attr) if getattr(cases, "marker_attr", None) else mine
        own_url = reverse(registry[type(own)].url_name("detail"), args=[own.pk])
        assert own_url in body(client.get(reverse("people:search"), {"q": mine_text[:2]}))
