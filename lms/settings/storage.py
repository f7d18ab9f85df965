"""Where uploaded media and certificate PDFs live: local files (the embedded default), or S3-compatible object
storage through django-storages when AWS_STORAGE_BUCKET_NAME is set, so several app servers share them.

Environment (only with a bucket): AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL (MinIO, Ceph, a university's S3;
empty for AWS), AWS_S3_REGION_NAME, AWS_LOCATION (a prefix inside the bucket), AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY (read by boto3 itself). Objects are private: every URL is signed and short-lived
(AWS_QUERYSTRING_EXPIRE seconds), and certificate PDFs and documents are streamed by the app, never linked.
"""

from __future__ import annotations

from .env import env, env_int


def default_storage() -> dict:
    bucket = env("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "location": env("AWS_LOCATION", ""),
            "default_acl": None,  # the bucket's policy (private), never public-read
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300),
            "file_overwrite": False,  # two servers saving the same name never clobber each other
            "signature_version": "s3v4",
        },
    }
