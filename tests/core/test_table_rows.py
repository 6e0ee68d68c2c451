"""The Python-rendered table rows give the markup of django-tables2's template loop, cell for cell
(links, check boxes, dates, escaped text, unlocalized numbers), and date columns compile their
template once."""

import re
from datetime import date

import django_tables2 as tables
import pytest
from django.template import Context, Template
from django.test import RequestFactory

from orgwork.core.registry import config_for
from orgwork.people.models import Person
from tests.factories import make_person

pytestmark = pytest.mark.django_db

LOOP = Template(
    "{% load l10n %}{% for row in table.paginated_rows %}<tr {{ row.attrs.as_html }}>{% for column, cell in row.items %}"
    "<td {{ column.attrs.td.as_html }}>{% if column.localize == None %}{{ cell }}{% else %}"
    "{% if column.localize %}{{ cell|localize }}{% else %}{{ cell|unlocalize }}{% endif %}{% endif %}</td>"
    "{% endfor %}</tr>{% endfor %}"
)
TAG = Template("{% load orgwork_ui %}{% table_rows table %}")


def squeeze(html):
    return re.sub(r">\s+<", "><", html.strip())


class Numbers(tables.Table):
    name = tables.Column(attrs={"td": {"class": lambda record: "c-" + str(record["n"])}})
    n = tables.Column(localize=False)
    when = tables.DateColumn()


def test_rows_match_the_template_loop_for_a_registered_table(tree):
    make_person("<b>王</b>芳", tree["village_a"], sex="F")
    make_person("李娜", tree["village_a"], sex="F")
    request = RequestFactory().get("/people/people/")
    table = config_for(Person).table(Person.objects.all(), request=request)
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    loop, tag = LOOP.render(Context({"table": table})), TAG.render(Context({"table": table}))
    assert squeeze(loop) == squeeze(tag)
    assert "&lt;b&gt;王&lt;/b&gt;芳" in tag and "<b>王" not in tag


def test_rows_match_for_record_dependent_attributes_and_unlocalized_numbers():
    data = [{"name": "甲", "n": 12345, "when": date(2024, 1, 31)}, {"name": "乙", "n": 7, "when": None}]
    table = Numbers(data)
    loop, tag = LOOP.render(Context({"table": table})), TAG.render(Context({"table": table}))
    assert squeeze(loop) == squeeze(tag)
    assert 'class="c-12345"' in tag and ">12345<" in tag


def test_a_date_column_compiles_its_template_once():
    from django_tables2.columns import templatecolumn

    code = Numbers.base_columns["when"].template_code
    assert templatecolumn.Template(code) is templatecolumn.Template(code)


class Rendered(tables.Table):
    name = tables.Column()
    title = tables.Column(default="无")
    note = tables.Column()

    def render_note(self, value, record):
        return "{}（{}）".format(value, record["name"])


def test_plain_columns_and_table_render_methods_match_the_loop():
    data = [{"name": "甲", "title": "", "note": "备注"}, {"name": "乙", "title": "书记", "note": None}]
    table = Rendered(data)
    loop, tag = LOOP.render(Context({"table": table})), TAG.render(Context({"table": table}))
    assert squeeze(loop) == squeeze(tag)
    assert ">无<" in tag and ">备注（甲）<" in tag and ">书记<" in tag


def test_rows_match_for_links_foreign_keys_and_dates_of_team_seats(tree):
    """Team seats: linked org and person (their get_absolute_url), a role linked by a URL function
    that gives None (no link), start and end dates (one empty), the selection check box."""
    from orgwork.orgs.models import TeamSeat
    from tests.factories import make_seat

    a = make_person("<i>张</i>三", tree["village_a"])
    b = make_person("李四", tree["village_b"], sex="F")
    make_seat(tree["village_a"], a, role="secretary", ended_on=date(2026, 5, 31))
    make_seat(tree["village_b"], b)
    request = RequestFactory().get("/orgs/seats/")
    qs = TeamSeat.objects.select_related("org", "person")
    table = config_for(TeamSeat).table(qs, request=request)
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    loop, tag = LOOP.render(Context({"table": table})), TAG.render(Context({"table": table}))
    assert squeeze(loop) == squeeze(tag)
    assert 'href="{}"'.format(tree["village_a"].get_absolute_url()) in tag
    assert 'href="{}"'.format(a.get_absolute_url()) in tag and "&lt;i&gt;张&lt;/i&gt;三" in tag
    assert 'type="checkbox"' in tag and "2026" in tag


class Links(tables.Table):
    pk = tables.CheckBoxColumn(accessor="pk", attrs={"td__input": {"class": "c", "data-x": '"q"'}})
    name = tables.Column(
        linkify=lambda record: "/p/{}/?a=1&b=2".format(record.pk), attrs={"a": {"class": "l"}}
    )
    when = tables.DateTimeColumn(format="Y-m-d H:i", default="—")
    day = tables.DateColumn(short=False)


def test_rows_match_for_link_attributes_url_functions_datetimes_and_defaults(tree):
    from datetime import UTC, datetime

    from django.utils import translation

    people = [make_person("王<五>", tree["village_a"]), make_person("赵六", tree["village_a"])]
    people[0].when, people[0].day = datetime(2024, 1, 31, 20, 30, tzinfo=UTC), date(2024, 2, 1)
    people[1].when, people[1].day = None, None
    with translation.override("zh-hans"):
        table = Links(people)
        loop, tag = LOOP.render(Context({"table": table})), TAG.render(Context({"table": table}))
    assert squeeze(loop) == squeeze(tag)
    assert '<a class="l" href="/p/{}/?a=1&amp;b=2">王&lt;五&gt;</a>'.format(people[0].pk) in tag
    assert "2024-02-01 04:30" in tag  # 20:30 UTC shown in Asia/Shanghai
    assert 'data-x="&quot;q&quot;"' in tag and ">—<" in tag
