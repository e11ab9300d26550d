"""A large synthetic data set for benchmarks: a province → city → county → town →
station/school/community tree and activities skewed toward some units and months.

Rows are written in bulk: with COPY on PostgreSQL (a million activities in a few
minutes), with bulk_create elsewhere. Every name is invented.
"""

import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from campaigns.models import Activity, ActivityType, AudienceGroup, Figure, Indicator, OrgUnit, UnitKind
from campaigns.reports import summary_rebuild
from scams.models import ScamType

LEAF_KINDS = ["police_station", "school", "community", "village", "bank_branch", "enterprise"]
LEAF_WEIGHTS = [2, 3, 3, 2, 1, 1]
TYPES_BY_KIND = {
    "police_station": ["street_booth", "lecture_training", "online_push", "mail_and_parcel"],
    "school": ["class_meeting", "school_meeting", "video_screening"],
    "community": ["community_event", "door_to_door", "display_setup"],
    "village": ["broadcast", "door_to_door", "display_setup"],
    "bank_branch": ["bank_branch_drive", "display_setup"],
    "enterprise": ["enterprise_visit", "lecture_training"],
    "town": ["street_booth", "community_event"],
    "bureau": ["lecture_training", "online_push"],
}
# Busier months: campaigns cluster in spring, before the summer holidays and at year end.
MONTH_WEIGHTS = [6, 5, 9, 10, 9, 11, 7, 5, 8, 8, 10, 12]


def _step(number):
    """A treebeard path step (base 36, four characters)."""
    alphabet = OrgUnit.alphabet
    text = ""
    while True:
        number, digit = divmod(number, len(alphabet))
        text = alphabet[digit] + text
        if number == 0:
            break
    return text.rjust(OrgUnit.steplen, "0")


def plan_tree(units, rng, depth=5):
    """(code, parent index, depth, kind) rows for about `units` units, parents first: a
    root, `depth` - 2 levels of bureaus growing geometrically down to the towns, and the
    leaves at `depth`."""
    upper = max(1, units // 9)  # roughly one town per eight or nine leaves
    middle = depth - 2
    counts = []
    for level in range(1, middle):
        counts.append(max(counts[-1] if counts else 1, round(upper ** (level / middle))))
    counts.append(max(counts[-1] if counts else 1, upper - 1 - sum(counts)))
    plan = [("syn", None, 1, "bureau")]
    levels = [(count, "bureau") for count in counts[:-1]] + [(counts[-1], "town")]
    parents = [0]
    for count, kind in levels:
        start = len(plan)
        for index in range(count):
            plan.append((f"syn-{len(plan)}", parents[index % len(parents)], plan[parents[0]][2] + 1, kind))
        parents = list(range(start, len(plan)))
    leaves = max(0, units - len(plan))
    for index in range(leaves):
        kind = rng.choices(LEAF_KINDS, LEAF_WEIGHTS)[0]
        plan.append((f"syn-{len(plan)}", parents[index % len(parents)], depth, kind))
    return plan


@transaction.atomic
def generate(units, activities, seed=1, today=None, progress=print, depth=5):
    if OrgUnit.objects.filter(code="syn").exists():
        raise ValueError("synthetic data already generated in this database (unit code 'syn' exists)")
    rng = random.Random(seed)  # noqa: S311 -- repeatable benchmark data, not secrets
    today = today or timezone.localdate()
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    plan = plan_tree(units, rng, depth)

    # Paths are computed here rather than through add_child, one unit at a time.
    children = [0] * len(plan)
    paths = []
    rows = []
    for code, parent, depth, kind in plan:
        if parent is None:
            last_root = OrgUnit.objects.filter(depth=1).order_by("-path").values_list("path", flat=True).first()
            path = _step(int(last_root, 36) + 1 if last_root else 1)
        else:
            children[parent] += 1
            path = paths[parent] + _step(children[parent])
        paths.append(path)
        rows.append(
            OrgUnit(
                code=code,
                name_zh=f"合成单位{code[4:] or '根'}",
                name_en=f"Synthetic unit {code[4:] or 'root'}",
                kind=kinds[kind],
                path=path,
                depth=depth,
                numchild=0,
            )
        )
    for row, count in zip(rows, children, strict=True):
        row.numchild = count
    created = OrgUnit.objects.bulk_create(rows, batch_size=2000)
    progress(f"{len(created)} units")

    user, _ = get_user_model().objects.get_or_create(username="synthetic-data")
    types = {choice.code: choice.pk for choice in ActivityType.objects.all()}
    audiences = list(AudienceGroup.objects.values_list("pk", flat=True))
    scams = list(ScamType.objects.values_list("pk", flat=True))
    indicators = {indicator.code: indicator.pk for indicator in Indicator.objects.all()}
    # Skew: a few units do most of the work.
    weights = [rng.paretovariate(1.2) for _ in created]
    unit_kinds = [plan[index][3] for index in range(len(created))]
    days_back = 730

    writer = _CopyWriter() if connection.vendor == "postgresql" else _OrmWriter()
    first_pk = (Activity.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    batch = 20000
    now = timezone.now()
    for offset in range(0, activities, batch):
        size = min(batch, activities - offset)
        picks = rng.choices(range(len(created)), weights, k=size)
        for index, unit_index in enumerate(picks):
            pk = first_pk + offset + index
            month = rng.choices(range(12), MONTH_WEIGHTS)[0]
            year = today.year - rng.choice((0, 0, 1))
            day = rng.randint(1, 28)
            date = datetime.date(year, month + 1, day)
            if date > today:
                date = today - datetime.timedelta(days=rng.randint(0, days_back))
            kind = unit_kinds[unit_index]
            type_code = rng.choice(TYPES_BY_KIND[kind])
            status = rng.choices(["approved", "submitted", "draft", "returned"], [85, 8, 5, 2])[0]
            writer.activity(pk, created[unit_index].pk, types[type_code], f"合成活动{pk}", date, status, user.pk, now)
            for code, value in _figures(rng, type_code).items():
                writer.figure(pk, indicators[code], value)
            for audience in rng.sample(audiences, k=rng.randint(1, 2)):
                writer.audience(pk, audience)
            for scam in rng.sample(scams, k=rng.randint(1, 2)) if scams else []:
                writer.scam(pk, scam)
        writer.flush()
        progress(f"{offset + size} activities")
    writer.finish()
    progress("summary tables")
    summary_rebuild.rebuild()


def _figures(rng, type_code):
    if type_code in ("online_push", "broadcast"):
        return {"online_reach": rng.randint(100, 8000), "posts": rng.randint(1, 3)}
    values = {"participants": rng.randint(10, 500), "materials": rng.randint(0, 800)}
    if type_code in ("class_meeting", "school_meeting"):
        values["commitments"] = rng.randint(10, 300)
    if rng.random() < 0.4:
        values["app_installs"] = rng.randint(1, 150)
    if rng.random() < 0.1:
        values["warnings"] = rng.randint(1, 5)
        values["losses_averted"] = rng.randint(1, 50) * 1000
    return values


class _OrmWriter:
    def __init__(self):
        self.activities, self.figures, self.audiences, self.scams = [], [], [], []

    def activity(self, pk, unit, type_id, title, date, status, user, now):
        self.activities.append(
            Activity(
                pk=pk,
                unit_id=unit,
                activity_type_id=type_id,
                title=title,
                date=date,
                status=status,
                created_by_id=user,
                updated_by_id=user,
                created_at=now,
                updated_at=now,
            )
        )

    def figure(self, activity, indicator, value):
        self.figures.append(Figure(activity_id=activity, indicator_id=indicator, value=value))

    def audience(self, activity, audience):
        self.audiences.append(Activity.audiences.through(activity_id=activity, audiencegroup_id=audience))

    def scam(self, activity, scam):
        self.scams.append(Activity.scam_types.through(activity_id=activity, scamtype_id=scam))

    def flush(self):
        Activity.objects.bulk_create(self.activities, batch_size=2000)
        Figure.objects.bulk_create(self.figures, batch_size=5000)
        Activity.audiences.through.objects.bulk_create(self.audiences, batch_size=5000)
        Activity.scam_types.through.objects.bulk_create(self.scams, batch_size=5000)
        self.__init__()

    def finish(self):
        pass


class _CopyWriter:
    """Tab-separated rows sent with COPY, then the id sequences moved past them."""

    def __init__(self):
        self.buffers = {name: io.StringIO() for name in ("activity", "figure", "audience", "scam")}

    def activity(self, pk, unit, type_id, title, date, status, user, now):
        self.buffers["activity"].write(
            f"{pk}\t{unit}\t{type_id}\t{title}\t{date.isoformat()}\t{status}\t{user}\t{user}\t{now.isoformat()}\t"
            f"{now.isoformat()}\t1\t\t\t\t\n"
        )

    def figure(self, activity, indicator, value):
        self.buffers["figure"].write(f"{activity}\t{indicator}\t{value}\n")

    def audience(self, activity, audience):
        self.buffers["audience"].write(f"{activity}\t{audience}\n")

    def scam(self, activity, scam):
        self.buffers["scam"].write(f"{activity}\t{scam}\n")

    def flush(self):
        tables = {
            "activity": (
                Activity._meta.db_table,
                "id, unit_id, activity_type_id, title, date, status, created_by_id, updated_by_id, created_at, "
                "updated_at, version, location, notes, ref, return_reason",
            ),
            "figure": (Figure._meta.db_table, "activity_id, indicator_id, value"),
            "audience": (Activity.audiences.through._meta.db_table, "activity_id, audiencegroup_id"),
            "scam": (Activity.scam_types.through._meta.db_table, "activity_id, scamtype_id"),
        }
        with connection.cursor() as cursor:
            for name, (table, columns) in tables.items():
                buffer = self.buffers[name]
                buffer.seek(0)
                cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
        self.__init__()

    def finish(self):
        # Rows came with explicit ids: move the id sequences past them.
        models = [Activity, Figure, Activity.audiences.through, Activity.scam_types.through]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
