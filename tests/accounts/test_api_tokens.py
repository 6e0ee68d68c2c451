"""Personal API tokens: the page under the account menu, the key shown once and stored hashed,
expiry and revocation (401 with a Chinese message), audit, security admin's view of everyone's,
and the second factor required before an admin can create one."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from orgwork.accounts.models import ApiToken, User
from orgwork.accounts.tokens import issue_token, revoke_token
from orgwork.core.models import ChangeLog
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PAGE = reverse("accounts:api_tokens")
ORGS = reverse("api:orgs-org-list")


def create_on_page(client, name="报表脚本", days="30"):
    response = client.post(PAGE, {"name": name, "days": days})
    assert response.status_code == 200, response.content[:1000]
    key = re.search(r'value="(ow_[^"]+)"', response.content.decode()).group(1)
    return response, key


def token_log(token, action):
    ct = ContentType.objects.get_for_model(ApiToken)
    return list(ChangeLog.objects.filter(content_type=ct, object_id=str(token.pk), action=action))


def api_with(key, keyword="Token"):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="{} {}".format(keyword, key))
    return client


def test_user_menu_links_to_tokens_and_docs(client, admin_a):
    client.force_login(admin_a)
    body = client.get("/").content.decode()
    assert PAGE in body
    assert reverse("api_docs") in body


def test_create_shows_the_key_once_and_stores_only_its_hash(client, tree, admin_a):
    client.force_login(admin_a)
    response, key = create_on_page(client)
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=admin_a)
    assert token.name == "报表脚本"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key.startswith(token.prefix) and len(token.prefix) < len(key) // 2
    # Not in any column, and not on the page any more.
    assert key not in str(list(ApiToken.objects.values_list()))
    later = client.get(PAGE).content.decode()
    assert key not in later and token.prefix in later
    assert timedelta(days=29, hours=23) < token.expires_at - token.created_at <= timedelta(days=30)
    # The key works, with both header keywords, as the user and within the user's scope.
    for keyword in ("Token", "Bearer"):
        listed = api_with(key, keyword).get(ORGS)
        assert listed.status_code == 200
        ids = {row["id"] for row in listed.json()["results"]}
        assert tree["town_a"].pk in ids and tree["town_b"].pk not in ids


def test_validity_defaults_and_is_capped(client, admin_a):
    client.force_login(admin_a)
    assert 'value="90"' in client.get(PAGE).content.decode()
    with override_settings(API_TOKEN_MAX_DAYS=365):
        refused = client.post(PAGE, {"name": "太久", "days": "366"})
    assert refused.status_code == 400
    assert "365" in refused.content.decode()
    assert client.post(PAGE, {"name": "", "days": "10"}).status_code == 400
    assert not ApiToken.objects.exists()
    token, _key = issue_token(admin_a, name="默认", session_verified=False)
    assert (token.expires_at - token.created_at).days == 90


def test_issue_and_revoke_are_audited(client, admin_a):
    client.force_login(admin_a)
    create_on_page(client, name="同步")
    token = ApiToken.objects.get()
    [issued] = token_log(token, "create")
    assert issued.user_name == admin_a.username and "同步" in str(issued.after)
    assert token.key_hash not in str(issued.after)
    response = client.post(reverse("accounts:api_token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == admin_a
    assert len(token_log(token, "revoke")) == 1


def test_revoked_and_expired_tokens_are_401_in_chinese(tree, admin_a):
    revoked, revoked_key = issue_token(admin_a, name="a", session_verified=False)
    expired, expired_key = issue_token(admin_a, name="b", session_verified=False)
    assert api_with(revoked_key).get(ORGS).status_code == 200
    revoke_token(revoked, actor=admin_a)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    for key, code, words in (
        (revoked_key, "token_revoked", "已被撤销"),
        (expired_key, "token_expired", "已过期"),
        ("ow_not-a-real-key", "token_invalid", "无效"),
    ):
        response = api_with(key).get(ORGS)
        assert response.status_code == 401
        body = response.json()
        assert body["code"] == code
        assert words in body["detail"]
        assert response["WWW-Authenticate"] == "Token"


def test_inactive_user_token_is_refused(tree, admin_a):
    _token, key = issue_token(admin_a, name="a", session_verified=False)
    admin_a.is_active = False
    admin_a.save()
    assert api_with(key).get(ORGS).status_code == 401


def test_token_stops_working_until_a_reset_or_expired_password_is_changed(tree, admin_a, security_admin):
    from orgwork.accounts.services import reset_password

    _token, key = issue_token(admin_a, name="a", session_verified=False)
    assert api_with(key).get(ORGS).status_code == 200
    reset_password(admin_a, "Temp@Pass2026x", actor=security_admin)
    response = api_with(key).get(ORGS)
    assert response.status_code == 403
    assert response.json()["code"] == "password_change_required"
    assert "密码" in response.json()["detail"]
    # Changed on the pages: the same token works again.
    admin_a.refresh_from_db()
    admin_a.must_change_password = False
    admin_a.set_password("New@Pass2026yz")
    admin_a.save()
    assert api_with(key).get(ORGS).status_code == 200
    # A password older than the policy's maximum age stops it too.
    User.objects.filter(pk=admin_a.pk).update(password_changed_at=timezone.now() - timedelta(days=400))
    assert api_with(key).get(ORGS).status_code == 403


def test_last_used_is_recorded_at_most_once_a_minute(tree, admin_a):
    token, key = issue_token(admin_a, name="a", session_verified=False)
    assert token.last_used_at is None
    client = api_with(key)
    client.get(ORGS)
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get(ORGS)
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    client.get(ORGS)
    token.refresh_from_db()
    assert token.last_used_at > first


def test_users_see_and_revoke_only_their_own(client, tree, admin_a, staff_a):
    mine, _ = issue_token(admin_a, name="我的", session_verified=False)
    theirs, theirs_key = issue_token(staff_a, name="别人的", session_verified=False)
    client.force_login(admin_a)
    page = client.get(PAGE).content.decode()
    assert "我的" in page and "别人的" not in page
    assert "别人的" not in client.get(PAGE + "?all=1").content.decode()
    assert client.post(reverse("accounts:api_token_revoke", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert api_with(theirs_key).get(ORGS).status_code == 200


def test_security_admin_sees_and_revokes_everyones(otp_client, tree, admin_a, security_admin):
    token, key = issue_token(admin_a, name="外部系统", session_verified=False)
    client = otp_client(security_admin)
    page = client.get(PAGE + "?all=1").content.decode()
    assert "外部系统" in page and "admin_a" in page
    response = client.post(reverse("accounts:api_token_revoke", args=[token.pk]), {"all": "1"})
    assert response.status_code == 302 and response.url.endswith("?all=1")
    assert api_with(key).get(ORGS).status_code == 401
    [row] = token_log(token, "revoke")
    assert row.user_name == security_admin.username


@pytest.mark.parametrize("role", ["system_admin", "security_admin", "auditor"])
def test_admin_roles_need_totp_before_creating_a_token(client, otp_client, role):
    user = make_user("adm", role)
    client.force_login(user)
    assert client.get(PAGE).status_code == 302
    response = client.post(PAGE, {"name": "x", "days": "10"})
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:otp"))
    assert not ApiToken.objects.exists()
    # The service refuses too, whatever door calls it.
    with pytest.raises(PermissionDenied):
        issue_token(user, name="x", session_verified=False)
    # After the TOTP check the page works.
    client = otp_client(user)
    create_on_page(client, name="审计导出")
    assert ApiToken.objects.filter(user=user).count() == 1


def test_anonymous_is_sent_to_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and reverse("accounts:login") in response.url
