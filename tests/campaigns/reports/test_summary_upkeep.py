"""What keeping the summaries in step costs: an approval writes the same few rows however
large the tree around it is, and a bulk approval of fifty activities writes them in as
many statements as one of five (one combined difference for the batch)."""

import datetime

from django.db import connection
from django.urls import reverse
from django.utils import translation

from campaigns import services
from campaigns.models import Activity, AudienceGroup, Summary
from campaigns.reports import fact_table, summary_rebuild, summary_tables
from tests.conftest import make_activity, make_scam_type, make_unit, make_user

# Quoted, as every statement that writes them names them: the name of the summaries'
# version (campaigns_summaryversion) begins like one of them. The fact table's SQL names
# it bare.
SUMMARY_TABLES = (
    *(connection.ops.quote_name(model._meta.db_table) for model in summary_tables.TABLES),
    f"{fact_table.TABLE} ",
)
FIGURES = {"participants": 40, "materials": 12}


class SummaryWrites:
    """Counts the statements that write the summary tables, and the rows they write
    (inserted, updated or deleted), as the database reports them."""

    def __init__(self):
        self.statements = 0
        self.rows = 0

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        verb = sql.lstrip().split(None, 1)[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE") and any(table in sql for table in SUMMARY_TABLES):
            self.statements += 1
            self.rows += context["cursor"].rowcount
        return result


def counted_writes(action):
    writes = SummaryWrites()
    with connection.execute_wrapper(writes):
        action()
    return writes


def tree(name, width):
    """A bureau over `width` regions, each over `width` stations, each over a school:
    1 + w + 2w² units, four levels deep, with a submitted and an approved activity in
    every station and school. Returns the tree's first school."""
    author = make_user(f"author-{name}")
    bureau = make_unit(f"{name}", kind="bureau")
    schools = []
    for region_number in range(width):
        region = make_unit(f"{name}-r{region_number}", bureau)
        for station_number in range(width):
            station = make_unit(f"{name}-r{region_number}-s{station_number}", region)
            school = make_unit(f"{name}-r{region_number}-s{station_number}-school", station, kind="school")
            schools.append(school)
            for unit in (station, school):
                for status in ("submitted", "approved"):
                    make_activity(unit, author, status=status, figures={"participants": 7, "online_reach": 3})
    return schools[0]


def test_one_approval_writes_as_many_summary_rows_in_a_tree_ten_times_larger(db):
    reviewer = make_user("checker")
    audiences = list(AudienceGroup.objects.order_by("pk")[:2])
    scam = make_scam_type("parcel-refund")
    written, stored = {}, {}
    for name, width in (("small", 2), ("large", 7)):
        school = tree(name, width)
        author = make_user(f"teacher-{name}")
        talk = make_activity(
            school, author, status="submitted", figures=FIGURES, audiences=audiences, scam_types=[scam]
        )
        stored[name] = Summary.objects.count()
        writes = counted_writes(lambda talk=talk: services.approve(talk, by=reviewer))
        talk.refresh_from_db()
        assert talk.status == Activity.Status.APPROVED
        written[name] = writes.rows
    assert summary_rebuild.differences() == []
    # 11 units against 106: the larger tree holds many times the rows …
    assert stored["large"] - stored["small"] > 5 * stored["small"]
    # … and the approval writes exactly as many. Of the four units on its way up, the
    # rollups keep two by unit and one (the root) by tag: each gets, per grain (the
    # activity count and each figure) and per status it leaves or joins, one row by unit
    # and one per audience group and scam type.
    by_unit, by_tag, grains, tags = 2, 1, 1 + len(FIGURES), len(audiences) + 1
    upserts = by_unit * grains * 2 + by_tag * grains * 2 * tags
    # On each of those units the talk was the only submitted activity recording
    # materials (one row by unit) or naming an audience group or scam type (every
    # grain of those splits): those rows empty, and are deleted.
    emptied = by_unit * 1 + by_tag * grains * tags
    # Its leaf facts, one per grain, are deleted and written again.
    facts = 2 * grains
    assert written == {"small": upserts + emptied + facts, "large": upserts + emptied + facts}


def url(name):
    with translation.override("en"):
        return reverse(f"campaigns:{name}")


def test_a_bulk_approval_of_fifty_writes_the_summaries_in_as_many_statements_as_one_of_five(client, county, staff_a):
    reviewer = make_user("reviewer", (county["bureau"], "reviewer"))
    audience = AudienceGroup.objects.order_by("pk").first()
    scam = make_scam_type("fake-police")
    client.force_login(reviewer)
    statements = {}
    for size, month in ((5, 9), (50, 10)):
        batch = [
            make_activity(
                county["school_a"] if number % 2 else county["a"],
                staff_a,
                status="submitted",
                date=datetime.date(2026, month, 1 + number % 28),
                figures={"participants": 10 + number, "materials": number % 3},
                audiences=[audience],
                scam_types=[scam],
            )
            for number in range(size)
        ]
        ids = [activity.pk for activity in batch]
        form = {"ids": ids, **{f"version-{activity.pk}": activity.version for activity in batch}}
        writes = counted_writes(lambda form=form: client.post(url("review-approve"), form))
        assert Activity.objects.filter(pk__in=ids, status="approved").count() == size
        statements[size] = writes.statements
    assert summary_rebuild.differences() == []
    # Per rollup one INSERT … ON CONFLICT for the batch and one DELETE of the rows it
    # emptied (the month's submitted rows), and for the leaf facts one DELETE and one
    # INSERT: eight, where one upkeep per activity wrote eight per activity.
    assert statements == {5: 8, 50: 8}
