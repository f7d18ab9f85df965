"""With the cache pointed at a closed port (Redis down), every public and trainee route answers, the login still
enforces its limits, and /readyz says 503 (issue 15; lms/cache.py, docs/decisions/0121)."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from certificates import codes
from tests.certificates.factories import CertificateFactory
from tests.courses.factories import build_course, enrol, modules_of
from tests.lms.factories import TEST_PASSWORD, UserFactory

CLOSED_PORT = "redis://127.0.0.1:6390/6"
WRONG = "not-the-password-1"


@pytest.fixture
def redis_down(settings, tmp_path):
    settings.CACHES = {"default": {"BACKEND": "lms.cache.FailSoftRedisCache", "LOCATION": CLOSED_PORT}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.CERTIFICATES_KEY_DIR = str(tmp_path / "keys")
    settings.CERTIFICATES_AUTO_GENERATE_KEY = True
    yield caches["default"]


@pytest.fixture
def world(db, settings, tmp_path):
    """A published course with one module, a trainee enrolled with a certificate (built before Redis 'goes down')."""

    settings.CERTIFICATES_KEY_DIR = str(tmp_path / "keys")
    settings.CERTIFICATES_AUTO_GENERATE_KEY = True
    course_page = build_course(modules=1)
    trainee = UserFactory(role="Trainees")
    enrol(trainee, course_page)
    certificate = CertificateFactory(holder=trainee, course=course_page.course)
    return {"course": course_page, "module": modules_of(course_page)[0], "trainee": trainee, "cert": certificate}


def public_routes(world):
    code = world["cert"].display_code
    return [
        "/",
        world["course"].get_parent().url,
        world["course"].url,
        "/search/?q=peer",
        reverse("certificates:verify_form"),
        reverse("certificates:verify", kwargs={"code": code}),
        reverse("certificates:verify_json", kwargs={"code": code}),
        reverse("certificates:status_list"),
        reverse("certificates:issuer"),
        reverse("certificates:jwks"),
        reverse("account_login"),
        reverse("account_signup"),
        "/healthz",
    ]


def trainee_routes(world):
    return ["/my/", reverse("certificates:my_certificates"), world["course"].url, world["module"].url]


def test_the_cache_really_is_unreachable(redis_down):
    assert redis_down.ping() is False and redis_down.degraded
    redis_down.set("k", "v")  # served from process memory, no error
    assert redis_down.get("k") == "v"


def test_every_public_route_answers(redis_down, world):
    client = Client()
    for route in public_routes(world):
        response = client.get(route)
        assert response.status_code in (200, 302), (route, response.status_code)


def test_every_trainee_route_answers_after_logging_in_during_the_outage(redis_down, world):
    client = Client()
    response = client.post(reverse("account_login"), {"login": world["trainee"].email, "password": TEST_PASSWORD})
    assert response.status_code == 302 and client.session.get("_auth_user_id") == str(world["trainee"].pk)
    for route in trainee_routes(world):
        response = client.get(route)
        assert response.status_code == 200, (route, response.status_code)


def test_login_still_enforces_its_limits(redis_down, world):
    trainee = world["trainee"]
    for attempt in range(5):
        Client().post(
            reverse("account_login"), {"login": trainee.email, "password": WRONG}, REMOTE_ADDR=f"10.9.0.{attempt}"
        )
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": trainee.email, "password": TEST_PASSWORD}, REMOTE_ADDR="10.9.0.99"
    )
    assert "too many failed login attempts" in response.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_readyz_says_503_and_names_the_cache(redis_down, db):
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "fail" and response.json()["checks"]["database"] == "ok"


def test_the_outage_ends_when_redis_answers_again(redis_down, monkeypatch):
    assert redis_down.ping() is False
    monkeypatch.setattr(redis_down._cache, "get_client", lambda *a, **k: type("C", (), {"ping": lambda self: 1})())
    assert redis_down.ping() is True and not redis_down.degraded


def test_control_a_plain_redis_cache_at_the_closed_port_fails(settings, db):
    """Without the fail-soft wrapper the same outage is an error on the verify page (what issue 15 measured)."""

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CLOSED_PORT}}
    with pytest.raises(RedisConnectionError):
        Client(raise_request_exception=True).get(f"/verify/{codes.format_code(codes.generate())}/")
