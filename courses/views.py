"""Trainee-facing views, reached through the routes of CoursePage and ModulePage (see courses.models.pages).

Views check input and call services; the rules live in courses.services and courses.outline.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import get_template
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Site

from home import structure
from home.i18n import TRANSLATION_LANGUAGE, content_language, has_text, localized

from . import services
from .models import CoursePage, Enrollment, ModulePage, QuizAttempt, ReflectionAnswer
from .outline import (
    IN_PROGRESS,
    NOT_STARTED,
    TRAINING_ACCESS_REFUSED_HOOK,
    has_training_access,
    is_staff_reader,
    outline_for,
    progress_of,
)

ANSWER_ERRORS = {
    "unanswered": lambda: _("Choose an answer to this question."),
    "foreign_choice": lambda: _("That answer does not belong to this question. Choose one of the answers shown."),
    "one_answer": lambda: _("Choose exactly one answer."),
}
REFLECTION_MAX_LENGTH = 5000


def _current_enrollment(user, course_page: CoursePage) -> Enrollment | None:
    if not user.is_authenticated or course_page.course_id is None:
        return None
    return (
        Enrollment.objects.current().select_related("course").filter(user=user, course_id=course_page.course_id).first()
    )


def _training_state(request, module: ModulePage):
    """(course page, enrolment, outline) for this request, computed once."""
    cached = getattr(request, "_courses_state", None)
    if cached is not None and cached[0] == module.pk:
        return cached[1:]
    course_page = module.course_page
    enrollment = _current_enrollment(request.user, course_page)
    outline = outline_for(request.user, course_page, enrollment)
    request._courses_state = (module.pk, course_page, enrollment, outline)
    return course_page, enrollment, outline


def module_access_refused(request, module: ModulePage):
    """The response that refuses this request a module, or None when it may read it. Runs for every route."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    course_page, enrollment, outline = _training_state(request, module)
    if not has_training_access(user, course_page.course):
        return training_access_refused(request, course_page)
    if enrollment is None:
        if is_staff_reader(user):
            return None
        messages.info(request, _("Enrol in the course to open its modules."))
        return redirect(course_page.get_url(request))
    state = outline.state_of(module.pk)
    if state is None:
        raise Http404
    if state.is_locked:
        blocking = next(
            (s for s in outline.modules[: state.number - 1] if s.page.required and s.status != "done"), None
        )
        return TemplateResponse(
            request,
            "courses/module_locked.html",
            {"page": module, "course_page": course_page, "state": state, "blocking": blocking},
            status=403,
        )
    return None


def training_access_links(request) -> list[dict]:
    """Links for a person without training access (how to become a peer supporter), from hook
    `construct_training_access_refused`: each function receives `(request, links)` and appends dicts with `url` and
    `label`. Later apps (recruitment) register it; courses never imports them."""
    links: list[dict] = []
    for fn in hooks.get_hooks(TRAINING_ACCESS_REFUSED_HOOK):
        fn(request, links)
    return links


def training_access_refused(request, course_page: CoursePage):
    """A kind page, not the module: the training is for people taken on by the programme (403, never a 500)."""
    return TemplateResponse(
        request,
        "courses/training_closed.html",
        {"page": course_page, "course_page": course_page, "links": training_access_links(request)},
        status=403,
    )


def show_only(request):
    """405 for anything but GET/HEAD on routes that only show (no form posts to them; tests/test_post_redirect_get)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return None


def _require_post(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


# --- Course -------------------------------------------------------------------------------------------------------


def module_rows(request, outline, *, enrolled: bool, staff_reader: bool) -> str:
    """The course page's module list, one `<li>` per module. A row depends only on the module's published version,
    the language, the site, its state, whether it links and whether it shows the state; each such variant is
    rendered once per structure version and shared by everyone (`home.structure.cached_many`), so a request only
    picks the variants its person's states need, in one cache round trip however many modules there are."""
    template = get_template("courses/includes/module_row.html")
    site = Site.find_for_request(request)
    language = translation.get_language()
    parts, computes = [], {}
    for state in outline.modules:
        linked = bool((enrolled and not state.is_locked) or staff_reader)
        part = f"{language}:{site.pk if site else 0}:{state.page.pk}:{state.status}:{int(linked)}:{int(enrolled)}"
        parts.append(part)
        computes[part] = partial(
            template.render, {"state": state, "linked": linked, "show_status": enrolled, "request": request}
        )
    rows = structure.cached_many("module-row", computes)
    return mark_safe("".join(rows[part] for part in parts))  # noqa: S308 - rows rendered by our own template


def course_overview(request, page: CoursePage):
    enrollment = _current_enrollment(request.user, page)
    outline = outline_for(request.user, page, enrollment)
    course = page.course
    training_access = has_training_access(request.user, course)
    can_enrol = bool(training_access and enrollment is None and course is not None and course.is_enrolment_open())
    staff_reader = is_staff_reader(request.user)
    return page.render(
        request,
        context_overrides={
            "enrollment": enrollment,
            "outline": outline,
            "module_rows": module_rows(request, outline, enrolled=enrollment is not None, staff_reader=staff_reader),
            "can_enrol": can_enrol,
            "enrolment_open": bool(course and course.is_enrolment_open()),
            "staff_reader": staff_reader,
            "training_access": training_access,
            "training_access_links": [] if training_access else training_access_links(request),
        },
    )


def course_enrol(request, page: CoursePage):
    if refused := _require_post(request):
        return refused
    if not request.user.is_authenticated:
        return redirect_to_login(page.get_url(request))
    try:
        _enrollment, created = services.enrollment_create(user=request.user, course=page.course)
    except services.TrainingError as error:
        messages.error(request, error.message)
    else:
        if created:
            messages.success(request, _("You are enrolled. Start with the first module below."))
        else:
            messages.info(request, _("You were already enrolled in this course."))
    return redirect(page.get_url(request))


# --- Module -------------------------------------------------------------------------------------------------------


def _module_context(request, module: ModulePage) -> dict:
    course_page, enrollment, outline = _training_state(request, module)
    state = outline.state_of(module.pk)
    previous, following = outline.neighbours(module.pk)
    return {
        "course_page": course_page,
        "enrollment": enrollment,
        "outline": outline,
        "state": state,
        "previous_module": previous,
        "next_module": following,
    }


def module_detail(request, module: ModulePage):
    if getattr(request, "is_preview", False):
        return _module_preview(request, module)
    context = _module_context(request, module)
    enrollment = context["enrollment"]
    reflections = {}
    quiz = None
    completed = False
    body, body_lang = _localized_body(module)
    if enrollment is not None:
        progress = context["outline"].progress
        services.module_visit(enrollment=enrollment, module=module, already_visited=module.pk in progress.visited)
        if context["state"] is not None and context["state"].status == NOT_STARTED:
            context["state"].status = IN_PROGRESS  # this visit has just started it
        if any(block.block_type == "reflection" for block in body):
            reflections = dict(
                ReflectionAnswer.objects.filter(user=request.user, module_id=module.pk).values_list("block_id", "text")
            )
        completed = module.pk in progress.done
        if module.has_quiz:
            quiz = _quiz_summary(enrollment, module, progress, list_attempts=False)
    context.update(
        {
            "body_items": [(block, reflections.get(block.id)) for block in body],
            "body_lang": body_lang,
            "can_save_reflections": enrollment is not None,
            "quiz": quiz,
            "completed": completed,
        }
    )
    return module.render(request, context_overrides=context)


def _localized_body(module: ModulePage):
    """The module body in the reader's language, and its language code. Reflection blocks carry the same ids in
    both languages (ModulePage._align_reflection_ids), so saved answers show whichever language is read."""
    if content_language() == TRANSLATION_LANGUAGE and has_text(module.body_nb):
        return module.body_nb, TRANSLATION_LANGUAGE
    return localized(module, "body", "en"), "en"


def _module_preview(request, module: ModulePage):
    """Author preview: the module as trainees see it, followed by the quiz with its answer key marked."""
    try:
        course_page = CoursePage.objects.get(path=module.path[: -module.steplen]) if module.path else None
    except CoursePage.DoesNotExist:
        course_page = None
    return module.render(
        request,
        context_overrides={
            "course_page": course_page,
            "body_items": [(block, None) for block in _localized_body(module)[0]],
            "body_lang": _localized_body(module)[1],
            "preview_quiz": module.quiz_questions,
        },
    )


ATTEMPTS_SHOWN = 10


def _quiz_summary(enrollment: Enrollment, module: ModulePage, progress, *, list_attempts: bool = True) -> dict:
    """The quiz's state for one trainee from the outline's aggregates (`progress`, courses.outline.progress_of), and
    the latest ATTEMPTS_SHOWN attempts (one query, capped: the page's work does not grow with the attempts made)."""
    used = progress.attempts.get(module.pk, 0)
    submitted = progress.submitted.get(module.pk, 0)
    passed = module.pk in progress.passed
    open_attempt = None
    attempts = []
    if list_attempts:
        attempts = list(
            QuizAttempt.objects.for_module(enrollment, module.pk)
            .only("public_id", "attempt_number", "status", "score", "passed")
            .order_by("-attempt_number")[:ATTEMPTS_SHOWN]
        )
        open_attempt = next((a for a in attempts if not a.is_submitted), None)
    if open_attempt is None and used > submitted:
        # An attempt in progress older than the ones listed (or not listed at all): fetch it alone.
        open_attempt = (
            QuizAttempt.objects.for_module(enrollment, module.pk)
            .exclude(status=QuizAttempt.Status.SUBMITTED)
            .only("public_id", "attempt_number", "status")
            .first()
        )
    left = services.attempts_left(module, used)
    return {
        "attempts": attempts,
        "attempts_total": used,
        "attempts_hidden": max(used - len(attempts), 0),
        "open_attempt": open_attempt,
        "passed": passed,
        "attempts_left": left,
        "unlimited": left is None,
        "can_start": not passed and (open_attempt is not None or left is None or left > 0),
    }


def module_mark_done(request, module: ModulePage):
    if refused := _require_post(request):
        return refused
    course_page, enrollment, outline = _training_state(request, module)
    if enrollment is None:
        messages.info(request, _("Only enrolled trainees record progress."))
        return redirect(module.get_url(request))
    try:
        services.module_mark_done(enrollment=enrollment, module=module)
    except services.TrainingError as error:
        messages.error(request, error.message)
        return redirect(module.get_url(request))
    enrollment.refresh_from_db()
    if enrollment.status == Enrollment.Status.COMPLETED:
        messages.success(request, _("Module done. You have completed the course. Well done!"))
        return redirect(course_page.get_url(request))
    messages.success(request, _("Module marked as done."))
    _previous, following = outline.neighbours(module.pk)
    return redirect((following.page if following else course_page).get_url(request))


def reflection_save(request, module: ModulePage, block_id: str):
    if refused := _require_post(request):
        return refused
    _course_page, enrollment, _outline = _training_state(request, module)
    if not any(block.block_type == "reflection" and block.id == block_id for block in module.body):
        raise Http404
    if enrollment is None:
        messages.info(request, _("Only enrolled trainees can save reflections."))
        return redirect(module.get_url(request))
    text = request.POST.get("text", "")
    if len(text) > REFLECTION_MAX_LENGTH:
        messages.error(
            request,
            _("Your reflection is longer than %(max)s characters; shorten it and save again.")
            % {"max": REFLECTION_MAX_LENGTH},
        )
        return redirect(module.get_url(request) + f"#reflection-{block_id}")
    services.reflection_save(user=request.user, module=module, block_id=block_id, text=text)
    messages.success(request, _("Your reflection is saved. Only you can see it."))
    return redirect(module.get_url(request) + f"#reflection-{block_id}")


# --- Quiz ---------------------------------------------------------------------------------------------------------


def _quiz_enrollment(request, module: ModulePage):
    if not module.has_quiz:
        raise Http404
    course_page, enrollment, outline = _training_state(request, module)
    return course_page, enrollment


def quiz_start(request, module: ModulePage):
    course_page, enrollment = _quiz_enrollment(request, module)
    if enrollment is None:
        messages.info(request, _("Enrol in the course to take its quizzes."))
        return redirect(module.get_url(request))
    if request.method == "POST":
        try:
            attempt = services.quiz_attempt_start(enrollment=enrollment, module=module)
        except services.TrainingError as error:
            messages.error(request, error.message)
            return redirect(module.get_url(request) + "quiz/")
        return redirect(_attempt_url(request, module, attempt))
    summary = _quiz_summary(enrollment, module, _training_state(request, module)[2].progress)
    return TemplateResponse(
        request,
        "courses/quiz_start.html",
        {"page": module, "course_page": course_page, "quiz": summary, "question_count": _question_count(module)},
    )


def _question_count(module: ModulePage) -> int:
    return module.quiz_draw_count or len(module.quiz_questions)


def _attempt_url(request, module: ModulePage, attempt: QuizAttempt, *, result: bool = False) -> str:
    url = module.get_url(request) + f"quiz/{attempt.public_id}/"
    return url + "result/" if result else url


def _get_attempt(request, module: ModulePage, attempt_id) -> QuizAttempt:
    """The requester's own attempt at this module, or 404 (another user's attempt id answers 404)."""
    return get_object_or_404(
        QuizAttempt.objects.select_related("enrollment"), public_id=attempt_id, user=request.user, module_id=module.pk
    )


def quiz_take(request, module: ModulePage, attempt_id):
    course_page, _enrollment = _quiz_enrollment(request, module)
    attempt = _get_attempt(request, module, attempt_id)
    if attempt.is_submitted:
        return redirect(_attempt_url(request, module, attempt, result=True))
    errors: dict[str, str] = {}
    chosen = attempt.answers or {}
    status = 200
    if request.method == "POST":
        submitted = {question["id"]: request.POST.getlist(f"q-{question['id']}") for question in attempt.questions}
        try:
            result = services.quiz_attempt_submit(attempt=attempt, answers=submitted)
        except services.AnswersInvalid as error:
            # The page itself says how many questions need attention and marks each one; no second message.
            errors = error.errors
            chosen = submitted
            status = 400
        except services.TrainingError as error:
            chosen = submitted
            messages.error(request, error.message)
            status = 400
        else:
            return redirect(_attempt_url(request, module, result.attempt, result=True))
    questions = []
    for number, question in enumerate(attempt.public_questions(), start=1):
        picked = set(chosen.get(question["id"]) or [])
        code = errors.get(question["id"])
        questions.append(
            {
                **question,
                "number": number,
                "error": ANSWER_ERRORS[code]() if code else "",
                "choices": [{**choice, "checked": choice["id"] in picked} for choice in question["choices"]],
            }
        )
    return TemplateResponse(
        request,
        "courses/quiz_take.html",
        {
            "page": module,
            "course_page": course_page,
            "attempt": attempt,
            "questions": questions,
            "error_count": len(errors),
            "stale": bool(module.live_revision_id and attempt.revision_id != module.live_revision_id),
            "attempts_allowed": module.quiz_attempts_allowed,
        },
        status=status,
    )


def quiz_result(request, module: ModulePage, attempt_id):
    course_page, enrollment = _quiz_enrollment(request, module)
    attempt = _get_attempt(request, module, attempt_id)
    if not attempt.is_submitted:
        return redirect(_attempt_url(request, module, attempt))
    outline = _training_state(request, module)[2]
    if outline.enrollment is not None and outline.enrollment.pk == attempt.enrollment_id:
        progress = outline.progress  # the aggregates the outline has just read
    else:  # an attempt of an earlier (withdrawn) enrolment
        progress = progress_of([attempt.enrollment_id])[attempt.enrollment_id]
    used = progress.attempts.get(module.pk, 0)
    left = services.attempts_left(module, used)
    passed_any = module.pk in progress.passed
    show_key = bool(attempt.passed or passed_any or left == 0)
    review = attempt.review(show_key=show_key)
    for number, item in enumerate(review, start=1):
        item["number"] = number
    _previous, following = outline.neighbours(module.pk)
    return TemplateResponse(
        request,
        "courses/quiz_result.html",
        {
            "page": module,
            "course_page": course_page,
            "attempt": attempt,
            "review": review,
            "show_key": show_key,
            "attempts_left": left,
            "unlimited": left is None,
            "can_retake": not passed_any and (left is None or left > 0),
            "wrong_count": sum(1 for item in review if not item["right"]),
            "next_module": following,
            "course_completed": attempt.enrollment.status == Enrollment.Status.COMPLETED,
        },
    )
