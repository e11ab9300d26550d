"""The table of signs, read top to bottom, and the checker's own signs for wording."""

from django.utils.translation import gettext_lazy as _

from .asks import ASKS
from .pressure import PRESSURE
from .scripts import SCRIPTS
from .sign import Signal

SIGNALS = ASKS + PRESSURE + SCRIPTS
BY_CODE = {signal.code: signal for signal in SIGNALS}

# The types a sign points to, beside what the message's wording says: similarity ranks the
# types, and these signs move the types they belong to up (see checking.py).
POINTS_TO = {
    "safe_account": ("police-impersonation",),
    "fake_official": ("police-impersonation",),
    "intimidation": ("gangster-threat", "fake-kidnapping"),
    "rent_accounts": ("renting-bank-cards",),
    "payee_change": ("changed-account-sms",),
    "odd_job": ("scam-text-sending-job",),
    "designated_supplier": ("military-purchase-impersonation",),
    "contraband": ("customs-parcel",),
    "miracle_cure": ("health-products",),
    "fix_for_a_fee": ("fake-credit-repair",),
    "easy_money": ("order-brushing",),
    "pay_personal": ("fake-teacher-fees",),
    "family_emergency": ("relative-in-trouble",),
    "screen_sharing": ("shopping-refund", "loan-account-cancellation"),
}

RESEMBLES = {
    weight: Signal(
        "resembles",
        weight,
        _("It reads like a known scam"),
        _("Its wording follows the script of a scam that FraudWatch describes (see below)."),
    )
    for weight in (1, 2)
}


def resembles(weight):
    return RESEMBLES[weight]


READS_LIKE_A_SCAM = {
    weight: Signal(
        "reads_like_a_scam",
        weight,
        _("Its wording is like that of scam messages"),
        _("Its words and phrasing are close to those of the scam messages FraudWatch has learnt from."),
    )
    for weight in (1, 2)
}


def reads_like_a_scam(weight):
    return READS_LIKE_A_SCAM[weight]
