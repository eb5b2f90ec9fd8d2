"""Programme pages under /staff/programmes/ (namespace "programmes").

The case, caseload, diary and consent pages are listed in case_urls; visits,
goals, reviews, summaries and the ending in visit_urls.
"""

from . import case_urls, visit_urls

app_name = "programmes"

urlpatterns = case_urls.urlpatterns + visit_urls.urlpatterns
