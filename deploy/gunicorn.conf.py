"""gunicorn settings for every app server (Dockerfile, compose.yaml, deploy/systemd/academy-web.service).

Access log lines are JSON with the request id that nginx passes on (X-Request-ID), the same id the app logs and
returns; `--bind` is given by whoever starts gunicorn.
"""

import os

wsgi_app = "lms.wsgi:application"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Requests that render PDFs can take a few seconds; a stuck worker is restarted after this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (memory held by WeasyPrint and Pillow is returned to the system).
max_requests = 2000
max_requests_jitter = 200
# Only the proxy in front may say the request came over https (X-Forwarded-Proto); Django decides the client IP
# from X-Forwarded-For with TRUSTED_PROXY_COUNT.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time":"%(t)s","logger":"gunicorn.access","request_id":"%({x-request-id}o)s","method":"%(m)s",'
    '"path":"%(U)s","status":"%(s)s","bytes":"%(B)s","duration_us":"%(D)s"}'
)
