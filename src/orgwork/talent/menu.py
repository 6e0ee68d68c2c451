"""Menu entries of talent work (spliced into core.navigation.MENU, section "talent"; labels
translated by this app's catalogue). Programs, cards, stations and challenges are reached from
these pages."""

from django.utils.translation import gettext_lazy as _

MENU = [
    (_("Talents"), "talent:talent_list", "bulb", "view"),
    (_("Talent map"), "talent:map", "chart-dots-3", "view"),
    (_("Three-year plan"), "talent:plan", "target-arrow", "view"),
    (_("Talent programs"), "talent:talentprogram_list", "award", "view"),
    (_("Talent cards"), "talent:talentcard_list", "id", "view"),
    (_("Leader–talent liaison"), "talent:liaisonpair_list", "heart-handshake", "view"),
    (_("Talent stations and apartments"), "talent:talentstation_list", "building-community", "view"),
    (_("Challenges (揭榜挂帅)"), "talent:challenge_board", "flag-3", "view"),
    (_("Talent settings"), "talent:settings", "adjustments", "global:manage_system"),
]
