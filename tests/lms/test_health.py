"""/healthz and /readyz (lms/health.py): answered before the host check and the HTTPS redirect, no cookies."""

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult


def test_healthz_answers_without_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store" and not response.cookies


@pytest.mark.django_db
def test_readyz_is_ok_when_everything_answers(client):
    response = client.get("/readyz/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok", "tasks": "ok"},
    }


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["academy.example.org"])
def test_a_probe_by_ip_address_is_not_refused_by_the_host_check():
    client = Client(HTTP_HOST="10.0.0.5")
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/").status_code == 400  # the control: other paths still check the host


@pytest.mark.django_db
def test_a_plain_http_probe_is_not_redirected_in_production(settings):
    settings.SECURE_SSL_REDIRECT = True  # production's; SECURE_REDIRECT_EXEMPT comes from base settings
    assert Client().get("/healthz").status_code == 200
    assert Client().get("/readyz").status_code == 200
    assert Client().get("/verify/").status_code == 301  # the control


@pytest.mark.django_db
def test_readyz_503_when_the_database_fails(client, monkeypatch):
    monkeypatch.setattr("lms.health.check_database", lambda: 1 / 0)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["database"] == "fail"


@pytest.mark.django_db
def test_readyz_503_when_storage_fails(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr("django.core.files.storage.FileSystemStorage.save", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["storage"] == "fail"


@pytest.mark.django_db
def test_readyz_503_when_tasks_wait_without_a_worker(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    settings.READYZ_TASK_MAX_WAIT_SECONDS = 900
    result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}}, task_path="x.y", backend_name="default", run_after=timezone.now()
    )
    assert client.get("/readyz").status_code == 200  # just enqueued: a worker has time
    DBTaskResult.objects.filter(pk=result.pk).update(enqueued_at=timezone.now() - timedelta(hours=1))
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["tasks"] == "fail (1 waiting)"


def test_post_is_not_answered_by_the_probe(client, db):
    response = client.post("/healthz")
    assert response.get("Content-Type") != "application/json"
