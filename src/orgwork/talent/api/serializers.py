"""API serializers of the talent app: the edit forms' fields, related objects by id within scope;
figures the verbs own (award status and amount, card tier and status) are read-only."""

from orgwork.core.api.serializers import ScopedModelSerializer
from orgwork.talent import forms as f
from orgwork.talent import models as m

__all__ = [
    "TalentSerializer",
    "TalentProgramSerializer",
    "ProgramRoundSerializer",
    "AwardSerializer",
    "TrancheSerializer",
    "TalentCardSerializer",
    "CardServiceUseSerializer",
    "LiaisonPairSerializer",
    "ContactLogSerializer",
    "TalentStationSerializer",
    "StaySerializer",
    "ChallengeSerializer",
    "ChallengeTeamSerializer",
    "ChallengeMilestoneSerializer",
]

BASE = ["id", "version", "created_at", "updated_at"]


def _meta(model, form, extra_read_only=()):
    return type(
        "Meta",
        (),
        {
            "model": model,
            "fields": [
                *BASE,
                *(("org",) if "org" not in form.Meta.fields else ()),
                *form.Meta.fields,
                *extra_read_only,
            ],
            "read_only_fields": [*(("org",) if "org" not in form.Meta.fields else ()), *extra_read_only],
        },
    )


class TalentSerializer(ScopedModelSerializer):
    Meta = _meta(m.Talent, f.TalentForm)


class TalentProgramSerializer(ScopedModelSerializer):
    Meta = _meta(m.TalentProgram, f.TalentProgramForm)


class ProgramRoundSerializer(ScopedModelSerializer):
    Meta = _meta(m.ProgramRound, f.ProgramRoundForm)


class AwardSerializer(ScopedModelSerializer):
    """An application; awarding (the amount, against the budget) is the verb's, not a field's."""

    Meta = _meta(m.Award, f.AwardForm, ("program", "status", "amount", "awarded_on"))


class TrancheSerializer(ScopedModelSerializer):
    """A tranche; paying it is the verb ``pay``, not a field."""

    Meta = _meta(m.Tranche, f.TrancheForm, ("paid_on", "paid_amount"))


class TalentCardSerializer(ScopedModelSerializer):
    """Issuing a card: the tier follows the talent's level; renew and revoke are verbs."""

    Meta = _meta(m.TalentCard, f.TalentCardForm, ("tier", "expires_on", "status", "revoked_on"))


class CardServiceUseSerializer(ScopedModelSerializer):
    Meta = _meta(m.CardServiceUse, f.CardServiceUseForm)


class LiaisonPairSerializer(ScopedModelSerializer):
    Meta = _meta(m.LiaisonPair, f.LiaisonPairForm)


class ContactLogSerializer(ScopedModelSerializer):
    Meta = _meta(m.ContactLog, f.ContactLogForm)


class TalentStationSerializer(ScopedModelSerializer):
    Meta = _meta(m.TalentStation, f.TalentStationForm)


class StaySerializer(ScopedModelSerializer):
    Meta = _meta(m.Stay, f.StayForm)


class ChallengeSerializer(ScopedModelSerializer):
    Meta = _meta(m.Challenge, f.ChallengeForm)


class ChallengeTeamSerializer(ScopedModelSerializer):
    Meta = _meta(m.ChallengeTeam, f.ChallengeTeamForm)


class ChallengeMilestoneSerializer(ScopedModelSerializer):
    Meta = _meta(m.ChallengeMilestone, f.ChallengeMilestoneForm)
