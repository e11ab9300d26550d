"""The report's cache kept busy: approve a waiting activity, then undo the approval, one
step a second, for as long as asked, through the same services the review pages use (so
each step retires the cached reports as a reviewer's would). Run by load_bench.py with the
app's environment:

    python tests/bench/approvals.py SECONDS
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(seconds):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudwatch.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from campaigns import services
    from campaigns.models import Activity

    reviewer = get_user_model().objects.get(username="demo-reviewer")
    waiting = Activity.objects.filter(status=Activity.Status.SUBMITTED).exclude(created_by=reviewer).order_by("pk")
    activity = next(a for a in waiting if a.may_be_approved_by(reviewer))
    steps, ends = 0, time.monotonic() + seconds
    while time.monotonic() < ends:
        started = time.monotonic()
        activity.refresh_from_db()
        if activity.status == Activity.Status.SUBMITTED:
            services.approve(activity, by=reviewer)
        else:
            services.undo_approval(activity, by=reviewer)
        steps += 1
        time.sleep(max(0.0, 1 - (time.monotonic() - started)))
    print(f"STEPS {steps}", flush=True)


if __name__ == "__main__":
    main(float(sys.argv[1]))
