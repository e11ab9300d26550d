"""The summary tables reports read: rollups of the counted activities' figures, added up
per unit subtree, month, activity type, campaign and status, so that a report over a
whole province adds up thousands of rows rather than millions of activities; and the
leaf facts (`Fact`, campaigns.reports.fact_table) that reports on smaller units read.

The rollups keep the units near the root only (summary_tables.ROLLUP_DEPTH): an activity
is counted once under each of those on its way up the tree (its `ancestor`), split by
the `child` of that ancestor the activity lies under (the ancestor itself for activities
logged there): a report on such a unit reads the rows of that one unit, and its by-unit
section groups them by child. Units are
named by id, so renaming a unit or renumbering its path changes nothing; moving one
under another parent moves its subtree's figures (campaigns.reports.summary_tables).

One row per indicator and one more, indicator 0, for the number of activities: `count`
is how many activities (indicator 0) or figures were added up, `total` their sum. A row
whose count falls to zero is deleted, so an indicator is "recorded" in a group exactly
when a row for it exists. Campaign 0 means no campaign. The audience and scam-type
tables hold the same figures split by each audience group or scam type an activity
names (one activity can name several), without the child split the by-unit section
needs.

These are derived data: campaigns.reports.summary_tables keeps them in step, in the
same transaction as each change, and `rebuild_summaries` computes them anew.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.choices import ActivityType, AudienceGroup
from campaigns.org.models import OrgUnit
from scams.models import ScamType

NO_CAMPAIGN = 0
ACTIVITY_COUNT = 0  # the indicator of the row that counts activities


class SummaryBase(models.Model):
    # A unit that has counted activities under it cannot be deleted (Activity.unit
    # protects it), so no row outlives its unit; no database constraint, which would
    # need an index on every unit column to check a unit's deletion.
    ancestor = models.ForeignKey(
        OrgUnit, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    month = models.DateField()  # the first day of the month
    activity_type = models.ForeignKey(
        ActivityType, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    campaign = models.BigIntegerField(default=NO_CAMPAIGN)
    status = models.CharField(max_length=20)
    indicator = models.BigIntegerField(default=ACTIVITY_COUNT)
    count = models.BigIntegerField()
    total = models.BigIntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.ancestor_id} {self.month:%Y-%m} {self.status} {self.indicator}: {self.count}/{self.total}"


class Summary(SummaryBase):
    pk = models.CompositePrimaryKey("ancestor", "month", "child", "activity_type", "campaign", "status", "indicator")
    child = models.ForeignKey(
        OrgUnit, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )

    class Meta:
        ordering = ["ancestor", "month", "child"]
        verbose_name = _("figure summary by unit")
        verbose_name_plural = _("figure summaries by unit")


class AudienceSummary(SummaryBase):
    pk = models.CompositePrimaryKey("ancestor", "month", "audience", "activity_type", "campaign", "status", "indicator")
    # Deleting an audience group deletes its links to activities, and so its rows here
    # (Django cascades; a database constraint would check each of millions of rows a
    # rebuild writes).
    audience = models.ForeignKey(
        AudienceGroup, on_delete=models.CASCADE, db_constraint=False, db_index=False, related_name="+"
    )

    class Meta:
        ordering = ["ancestor", "month", "audience"]
        verbose_name = _("figure summary by audience group")
        verbose_name_plural = _("figure summaries by audience group")


class ScamTypeSummary(SummaryBase):
    pk = models.CompositePrimaryKey(
        "ancestor", "month", "scam_type", "activity_type", "campaign", "status", "indicator"
    )
    scam_type = models.ForeignKey(
        ScamType, on_delete=models.CASCADE, db_constraint=False, db_index=False, related_name="+"
    )

    class Meta:
        ordering = ["ancestor", "month", "scam_type"]
        verbose_name = _("figure summary by scam type")
        verbose_name_plural = _("figure summaries by scam type")


class Fact(models.Model):
    """A leaf fact: one counted activity's count (indicator 0) or one of its figures, with
    its unit's ancestors as level columns (campaigns.reports.fact_table). The table is made
    by its migration's own SQL (partitioned by year on PostgreSQL, with arrays of tags),
    written and read with SQL only; the model tells Django it exists, so that a test
    database is emptied of it like the other tables."""

    pk = models.CompositePrimaryKey("activity", "indicator")
    total = models.BigIntegerField()
    activity = models.IntegerField(db_column="activity_id")
    day = models.DateField()
    l2 = models.IntegerField()
    l3 = models.IntegerField()
    l4 = models.IntegerField()
    l5 = models.IntegerField()
    l6 = models.IntegerField()
    l7 = models.IntegerField()
    campaign = models.IntegerField()
    indicator = models.IntegerField()
    activity_type = models.SmallIntegerField()
    status = models.SmallIntegerField()
    audiences = models.TextField(null=True)  # only count rows have tags
    scam_types = models.TextField(null=True)

    class Meta:
        ordering = ["activity", "indicator"]
        verbose_name = _("leaf fact")
        verbose_name_plural = _("leaf facts")

    def __str__(self):
        return f"{self.activity} {self.day} {self.indicator}: {self.total}"


class SummaryVersion(models.Model):
    """One row whose token takes a new random value in the transaction of every change
    to the summary tables. A report reads it, before its figures, from the database it
    reads them from (a replica may replay the primary's changes late): the figures it
    then caches under that token are never older than the token, however far behind the
    replica is. Random rather than counted, so a value never comes back after the
    database is restored or emptied."""

    token = models.BigIntegerField()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("summary version")
        verbose_name_plural = _("summary versions")

    def __str__(self):
        return f"summaries at {self.token:x}"
