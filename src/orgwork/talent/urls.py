from django.urls import path

from orgwork.core.registry import get_model_urls
from orgwork.talent import views
from orgwork.talent.models import (
    Award,
    CardServiceUse,
    Challenge,
    ChallengeMilestone,
    ChallengeTeam,
    ContactLog,
    LiaisonPair,
    ProgramRound,
    Stay,
    Talent,
    TalentCard,
    TalentProgram,
    TalentStation,
    Tranche,
)
from orgwork.talent.selfservice import MyRatingView, MyRequestView
from orgwork.talent.settings_views import TalentSettingsView

app_name = "talent"
urlpatterns = [
    path("plan/", views.PlanView.as_view(), name="plan"),
    path("settings/", TalentSettingsView.as_view(), name="settings"),
    path("map/", views.MapView.as_view(), name="map"),
    path("pairs/no-contact/", views.NoContactView.as_view(), name="no_contact"),
    path("challenges/board/", views.ChallengeBoardView.as_view(), name="challenge_board"),
    # 我的 (app selfservice): the talent's own requests, no grant needed.
    path("me/requests/add/", MyRequestView.as_view(), name="me_request"),
    path("me/requests/<int:pk>/rate/", MyRatingView.as_view(), name="me_rate"),
    path("talents/<int:pk>/requests/add/", views.ServiceRequestView.as_view(), name="service_request"),
    path(
        "awards/<int:pk>/award/", views.AwardDecisionView.as_view(), {"decision": "award"}, name="award_fund"
    ),
    path(
        "awards/<int:pk>/decline/",
        views.AwardDecisionView.as_view(),
        {"decision": "decline"},
        name="award_decline",
    ),
    path("cards/<int:pk>/renew/", views.CardActionView.as_view(), {"action": "renew"}, name="card_renew"),
    path("cards/<int:pk>/revoke/", views.CardActionView.as_view(), {"action": "revoke"}, name="card_revoke"),
    *get_model_urls(
        Talent, "talents", views={"list": views.TalentListView, "detail": views.TalentDetailView}
    ),
    *get_model_urls(TalentProgram, "programs", views={"detail": views.TalentProgramDetailView}),
    *get_model_urls(ProgramRound, "rounds"),
    *get_model_urls(Award, "awards", views={"detail": views.AwardDetailView}),
    path("tranches/<int:pk>/pay/", views.TranchePayView.as_view(), name="tranche_pay"),
    *get_model_urls(Tranche, "tranches", views={"detail": views.TrancheDetailView}),
    *get_model_urls(TalentCard, "cards", views={"detail": views.TalentCardDetailView}),
    *get_model_urls(CardServiceUse, "card-uses"),
    *get_model_urls(LiaisonPair, "pairs"),
    *get_model_urls(ContactLog, "contacts"),
    *get_model_urls(TalentStation, "stations", views={"detail": views.TalentStationDetailView}),
    *get_model_urls(Stay, "stays"),
    *get_model_urls(Challenge, "challenges", views={"detail": views.ChallengeDetailView}),
    *get_model_urls(ChallengeTeam, "teams"),
    *get_model_urls(ChallengeMilestone, "milestones"),
]
