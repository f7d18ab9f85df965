"""Wagtail's "new page" view without autosave.

Wagtail 8 autosaves the create form: half a second after the first keystroke its JavaScript POSTs the form as JSON,
the view creates the page (a draft, with a revision) and the browser carries on in that page's edit view. A person
who then leaves, e.g. after opening "new module" and typing a title, leaves a draft page that nobody saved, which
counsellors and trainees' course outlines then trip over. Autosave remains on the edit views (where it only adds
revisions to a page someone created); on the create view it is off, so a page exists only once someone presses
Save, Submit or Publish. Mounted at Wagtail's own add URL in lms/urls.py. (docs/content.md)
"""

from wagtail.admin.views.pages.create import CreateView


class CreatePageView(CreateView):
    @property
    def autosave_enabled(self):
        return False

    @autosave_enabled.setter
    def autosave_enabled(self, value):
        """Wagtail's dispatch sets it from WAGTAIL_AUTOSAVE_INTERVAL; on this view it stays off."""
