"""Each app's Chinese is the Chinese the user sees. Django merges every catalogue into one per
language, so an app's translation of a plain msgid ("name", "award", "Evaluations") is silently
replaced by another catalogue's translation of the same words: a cadre's 姓名 became 名称, a talent
programme's 资助 became 奖项. Words that mean different things in different apps carry the app's
label as their context (``pgettext_lazy("talent", "award")``, ``{% translate "award" context
"talent" %}``); this test finds any entry of an app catalogue that the merge overrides."""

import gettext as pygettext
from pathlib import Path

import pytest
from django.utils import translation

import orgwork

APP_CATALOGUES = sorted(
    p
    for p in Path(orgwork.__file__).parent.glob("*/locale/zh_Hans/LC_MESSAGES/django.mo")
    if p.parts[-5] != "orgwork"
)


def test_there_are_app_catalogues():
    assert len(APP_CATALOGUES) >= 5


@pytest.mark.parametrize("mo", APP_CATALOGUES, ids=lambda p: p.parts[-5])
def test_no_entry_of_an_app_catalogue_is_overridden_by_another(mo):
    with open(mo, "rb") as f:
        catalogue = pygettext.GNUTranslations(f)._catalog
    overridden = []
    with translation.override("zh-hans"):
        for key, ours in catalogue.items():
            if not key or isinstance(key, tuple):  # the header, plural forms
                continue
            if "\x04" in key:
                context, msgid = key.split("\x04", 1)
                shown = translation.pgettext(context, msgid)
            else:
                msgid = key
                shown = translation.gettext(msgid)
            if shown != ours:
                overridden.append(f"{msgid!r}: {ours} → {shown}")
    assert not overridden, "give these msgids the app's context:\n" + "\n".join(overridden)


def test_the_same_english_word_reads_as_each_app_means_it():
    from orgwork.cadres.models import FamilyMember, RewardSanction
    from orgwork.talent.models import Tranche

    with translation.override("zh-hans"):
        assert str(Tranche._meta.get_field("award").verbose_name) == "资助"
        assert str(FamilyMember._meta.get_field("name").verbose_name) == "姓名"
        assert str(RewardSanction._meta.get_field("name").verbose_name) == "名称"
