"""The pages every public NHS service publishes, and the feedback form.

Privacy notice, accessibility statement, cookies, contact and feedback: linked
from every page's footer (``templates/_partials/footer.html``). Team leads read
the feedback for their own service at ``/staff/feedback/``.
"""
