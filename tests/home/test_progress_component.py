"""One progress component (templates/includes/progress.html) for course progress and supervision requirements; a
date requirement is shown as its date, never as a bar (issue 12, item 5)."""

from datetime import date

from django.template.loader import render_to_string
from django.utils import translation

from supervision.models.engagement import Requirement


def render(requirements):
    return render_to_string("supervision/includes/requirements.html", {"requirements": requirements})


def test_a_count_requirement_is_a_bar_with_its_numbers_in_words():
    html = render([Requirement("sessions", "Supervision sessions attended", 3, 6, False, "3 / 6")])
    assert '<progress class="progress" value="3" max="6"' in html
    assert 'aria-labelledby="req-sessions-label"' in html and 'id="req-sessions-label"' in html
    assert "3 / 6" in html and "not yet" in html


def test_a_date_requirement_is_a_date_not_a_bar():
    due = date(2027, 3, 12)
    html = render([Requirement("period_ended", "Engagement period ended", 300, 310, False, "Ends 12 March 2027", due)])
    assert "<progress" not in html
    assert '<time datetime="2027-03-12">Ends 12 March 2027</time>' in html


def test_a_met_requirement_says_done_with_an_svg_check():
    html = render([Requirement("hours", "Hours of activity", 20, 20, True, "20 / 20")])
    assert "progress--complete" in html and "glyph--check" in html and "done" in html


def test_course_progress_uses_the_same_component():
    class Outline:
        done, total, percent = 2, 5, 40
        course_page = type("Page", (), {"pk": 7})()

    html = render_to_string("courses/includes/progress.html", {"outline": Outline()})
    assert 'class="progress-group"' in html and 'id="progress-7-label"' in html
    assert '<progress class="progress" value="2" max="5"' in html and "2 of 5 modules done (40%)" in html


def test_the_bar_numbers_are_not_localised_in_norwegian():
    with translation.override("nb"):
        html = render([Requirement("hours", "Timer med aktivitet", 1.5, 20, False, "1,5 / 20")])
    assert 'value="1.5" max="20"' in html


def test_more_than_the_target_fills_the_bar_without_passing_max():
    html = render([Requirement("hours", "Hours of activity", 22.0, 20, True, "22 / 20")])
    assert 'value="20" max="20"' in html and "22 / 20" in html  # the words keep the real number
