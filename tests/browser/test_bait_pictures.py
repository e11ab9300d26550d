"""The pictures of the bait, as a browser draws them: every line stays inside its bubble
and its phone, in every script."""

import pytest

from scams.models import ScamType

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every text of the picture, and of each bubble, that sticks out of its frame (by more
# than half a unit, for antialiasing), in the picture's own units.
OVERFLOWS = """() => {
  const svg = document.querySelector('figure.bait svg');
  const out = [];
  const inside = (text, box, margin) => {
    const b = text.getBBox();
    return b.x >= box.x - margin && b.x + b.width <= box.x + box.width + margin
      && b.y >= box.y - margin && b.y + b.height <= box.y + box.height + margin;
  };
  const screen = svg.querySelectorAll(':scope > rect')[1].getBBox();
  for (const text of svg.querySelectorAll('text')) {
    if (!inside(text, screen, 0.5)) out.push('off the screen: ' + text.textContent);
  }
  for (const bubble of svg.querySelectorAll('g.bubble')) {
    const box = bubble.querySelector('rect').getBBox();
    for (const text of bubble.querySelectorAll('text')) {
      if (!inside(text, box, 0.5)) out.push('out of its bubble: ' + text.textContent);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("language", ["zh-hans", "zh-hant", "en"])
def test_every_line_of_every_picture_stays_inside_its_bubble(page, loaded_catalogue, language):
    problems = []
    for slug in ScamType.objects.published().values_list("slug", flat=True):
        page.goto(f"/{language}/scams/{slug}/")
        problems += [f"{slug}: {problem}" for problem in page.evaluate(OVERFLOWS)]
    assert problems == []
