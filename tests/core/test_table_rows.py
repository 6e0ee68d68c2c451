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
