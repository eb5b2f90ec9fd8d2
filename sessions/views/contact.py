"""Change how the family may be contacted (the guider and the team lead). Every
message reads the preferences when it is sent, so this governs all of them."""

from django.contrib import messages
from django.shortcuts import redirect

from referrals.actions.contact import change_contact

from ..forms.contact import ContactPreferencesForm
from .access import programme_page
from .pages import render_page


@programme_page(methods=("GET", "POST"), changes=True)
def contact_preferences(request, programme):
    caregiver = programme.referral.caregivers.order_by("pk").first()
    form = ContactPreferencesForm(
        request.POST if request.method == "POST" else None,
        initial=ContactPreferencesForm.initial_for(caregiver),
    )
    if form.is_bound and form.is_valid():
        changed = change_contact(
            caregiver=caregiver, values=form.cleaned_data, by=request.user, request=request
        )
        messages.success(
            request,
            f"Contact preferences saved for {caregiver.full_name}"
            if changed
            else "Nothing was changed",
        )
        return redirect("programmes:case", reference=programme.referral.reference)
    return render_page(
        request,
        programme,
        "sessions/contact_preferences.html",
        form=form,
        caregiver=caregiver,
    )
