import datetime

import pytest
from django.core.management import CommandError, call_command

from campaigns.models import Activity, Figure, OrgUnit
from campaigns.reports import summary_rebuild
from campaigns.reports.summary import ReportFilters, build


@pytest.mark.django_db
def test_generates_a_consistent_tree_and_countable_activities():
    call_command("generate_synthetic_data", "--units", "60", "--activities", "400", "--seed", "3")
    assert OrgUnit.objects.filter(code__startswith="syn").count() == 60
    assert OrgUnit.objects.find_problems() == ([], [], [], [], [])  # treebeard's own integrity check
    assert {unit.depth for unit in OrgUnit.objects.all()} == {1, 2, 3, 4, 5}
    assert Activity.objects.count() == 400
    assert Figure.objects.exists()
    assert not Activity.objects.filter(date__gt=datetime.date.today()).exists()

    root = OrgUnit.objects.get(code="syn")
    report = build(ReportFilters(start=datetime.date(2000, 1, 1), end=datetime.date.today(), unit=root))
    assert report.total.activities == Activity.objects.filter(status="approved").count()
    assert sum(row.activities for row in report.breakdowns["org_unit"].rows) == report.total.activities
    assert summary_rebuild.differences() == []  # written with COPY on PostgreSQL, then rebuilt

    with pytest.raises(CommandError, match="already generated"):
        call_command("generate_synthetic_data", "--units", "60", "--activities", "10")
