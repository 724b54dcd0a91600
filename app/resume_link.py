"""The link that reopens an assessment, shown on Start with ways to keep it.

Without it an assessment cannot be found again, so Start offers three ways to keep it: the
link itself, a copy button that works on phones too, and a one-page card (PDF) with the
link and a QR code to scan.
"""

from __future__ import annotations

import html

import state
import streamlit as st
import views

from assessment_models.report.resume_card import render_resume_card
from assessment_models.storage import AssessmentRecord

WARNING = (
    "Whoever holds this link can see and change the answers. Share it only with the "
    "people taking part."
)


def show_resume_link(record: AssessmentRecord) -> None:
    """The link, a visible copy button, the card to download, and the warning."""
    link = views.resume_link(record.code)
    st.code(link, language=None, wrap_lines=True)
    with st.container(horizontal=True, vertical_alignment="center"):
        copy_button(link)
        st.download_button(
            "Download a card with the link and a QR code",
            data=_card(
                link, record.code, record.questionnaire.title, record.respondent.display_name
            ),
            file_name="sextant-resume-card.pdf",
            mime="application/pdf",
            icon=":material/qr_code_2:",
            key=state.START_CARD,
            on_click="ignore",
        )
    st.caption(WARNING)


@st.cache_data(show_spinner=False, max_entries=64)
def _card(link: str, code: str, title: str, who: str) -> bytes:
    return render_resume_card(link, code, title, who)


#: Runs in the browser. The Clipboard API needs a secure page (https or localhost); on a
#: plain-http address in the office network, phones included, the older copy command on a
#: hidden text box still works. If neither does, the message says to copy by hand.
_COPY_SCRIPT = """<script>
(function () {
  function fallback(text) {
    var box = document.createElement('textarea');
    box.value = text; box.setAttribute('readonly', '');
    box.style.position = 'fixed'; box.style.opacity = '0';
    document.body.appendChild(box); box.select(); box.setSelectionRange(0, text.length);
    var copied = false;
    try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
    document.body.removeChild(box);
    return copied;
  }
  document.querySelectorAll('button[data-sextant-copy]').forEach(function (button) {
    if (button.dataset.bound) { return; }
    button.dataset.bound = '1';
    button.addEventListener('click', function () {
      var text = button.getAttribute('data-sextant-copy');
      var status = button.parentNode.querySelector('[role=status]');
      function say(copied) {
        status.textContent = copied ? 'Copied' : 'Select the link above and copy it';
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { say(true); },
                                                 function () { say(fallback(text)); });
      } else { say(fallback(text)); }
    });
  });
})();
</script>"""

_COPY_STYLE = (
    "font:inherit;font-size:0.95rem;line-height:1.4;padding:0.4rem 0.9rem;"
    "min-height:2.5rem;border-radius:0.5rem;border:1px solid rgba(49,51,63,0.25);"
    "background:#ffffff;color:#1b2631;cursor:pointer;"
)


def copy_button(text: str) -> None:
    """A "Copy link" button, always visible (st.code's own copy icon shows only on hover)."""
    st.html(
        f'<div class="sextant-copy"><button type="button" style="{_COPY_STYLE}" '
        f'data-sextant-copy="{html.escape(text, quote=True)}">Copy link</button> '
        '<span role="status" style="margin-left:0.5rem;color:#1e7a46;"></span></div>'
        + _COPY_SCRIPT,
        unsafe_allow_javascript=True,
        width="content",
    )
