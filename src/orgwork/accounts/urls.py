from django.urls import path

from orgwork.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    # Second factor: everything under otp/ stays reachable while the check is pending.
    path("otp/", views.OTPVerifyView.as_view(), name="otp"),
    path("otp/enrol/", views.OTPEnrolView.as_view(), name="otp_enrol"),
    path("otp/backup-codes/", views.OTPBackupCodesView.as_view(), name="otp_backup_codes"),
    # Every user: personal API tokens (a security admin sees and revokes everyone's).
    path("api-tokens/", views.ApiTokenListView.as_view(), name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", views.ApiTokenRevokeView.as_view(), name="api_token_revoke"),
    # System admin: accounts.
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/add/", views.UserCreateView.as_view(), name="user_add"),
    path("users/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("users/<int:pk>/edit/", views.UserEditView.as_view(), name="user_edit"),
    path(
        "users/<int:pk>/deactivate/",
        views.UserStateView.as_view(operation="deactivate"),
        name="user_deactivate",
    ),
    path(
        "users/<int:pk>/reactivate/",
        views.UserStateView.as_view(operation="reactivate"),
        name="user_reactivate",
    ),
    path("users/<int:pk>/unlock/", views.UserStateView.as_view(operation="unlock"), name="user_unlock"),
    path("users/person-lookup/", views.PersonLookupView.as_view(), name="person_lookup"),
    path("users/<int:pk>/password/", views.UserPasswordResetView.as_view(), name="user_password_reset"),
    # Security admin: grants, second factors, login history, policy.
    path("grants/", views.GrantListView.as_view(), name="grant_list"),
    path("grants/users/<int:pk>/", views.UserGrantsView.as_view(), name="user_grants"),
    path("grants/<int:pk>/revoke/", views.GrantRevokeView.as_view(), name="grant_revoke"),
    path("grants/users/<int:pk>/otp-reset/", views.SecondFactorResetView.as_view(), name="user_otp_reset"),
    path("login-history/", views.LoginHistoryView.as_view(), name="login_history"),
    path("security-policy/", views.SecurityPolicyView.as_view(), name="security_policy"),
]
