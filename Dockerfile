# Peer Support Academy: one image for the web servers, the task worker and the scheduler (compose.yaml).
# Build: docker build -t peer-support-academy .   Run: see docs/operations.md ("Containers").
FROM python:3.11-slim-bookworm

# WeasyPrint renders the certificate PDFs with Pango (and HarfBuzz, fontconfig); the PDFs embed DejaVu fonts.
# curl is for the container health check (/healthz).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 \
        fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=lms.settings.production

# Exactly the locked production set (hashes checked; no test or lint tools).
COPY requirements/production.txt /tmp/production.txt
RUN python -m venv /opt/venv \
    && pip install --require-hashes --no-deps -r /tmp/production.txt \
    && rm /tmp/production.txt

RUN groupadd --system --gid 10001 academy \
    && useradd --system --uid 10001 --gid academy --home-dir /app --shell /usr/sbin/nologin academy
WORKDIR /app
# The code stays root's: the app user can read it, not change it.
COPY . /app

# Static files are collected at build time (compressed, with a manifest), so no server writes to /app at run time;
# the compiled catalogues (.mo) are in the repository.
# The production settings need their environment even to import: placeholder values for this step only.
RUN SECRET_KEY=collectstatic-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz \
    ALLOWED_HOSTS=build.invalid BASE_URL=https://build.invalid \
    DATABASE_URL=postgres://build.invalid/none REDIS_URL=redis://build.invalid:6379/0 \
    python manage.py collectstatic --noinput -v0 \
    && mkdir -p /srv/academy/media /srv/academy/jwt-keys \
    && chown -R academy:academy /srv/academy

USER academy
EXPOSE 8000
VOLUME ["/srv/academy/media", "/srv/academy/jwt-keys"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8000/healthz || exit 1
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "--bind", "0.0.0.0:8000"]
