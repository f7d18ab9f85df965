"""Keep state in step with content: publishing a CoursePage syncs its Course; a new TrainingIndexPage gets the
counsellors' page permissions and the "Counsellor review" workflow."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .authoring import training_index_set_up
from .models import CoursePage, TrainingIndexPage
from .services import course_sync_from_page


@receiver(page_published, sender=CoursePage)
def sync_course_on_publish(sender, instance, **kwargs):
    course_sync_from_page(page=instance)


@receiver(post_save, sender=TrainingIndexPage)
def set_up_training_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        training_index_set_up(index=instance)
