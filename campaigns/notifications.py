"""Notices to volunteers (SMS) and committees (email), through backends chosen in settings."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from campaigns.residents import mask_phone

logger = logging.getLogger(__name__)
sms_outbox = []


class NotificationBackend:
    """Deliver one text message to one address; subclasses say how."""

    def send(self, to, subject, body):
        raise NotImplementedError


class EmailBackend(NotificationBackend):
    """Send through Django's configured mail backend."""

    def send(self, to, subject, body):
        send_mail(subject, body, None, [to])


class LoggingSMSBackend(NotificationBackend):
    """Write text messages to the log, with the number masked, for development."""

    def send(self, to, subject, body):
        logger.info("SMS to %s: %s", mask_phone(to), body)


class MemorySMSBackend(NotificationBackend):
    """Keep text messages in sms_outbox, for tests."""

    def send(self, to, subject, body):
        sms_outbox.append({"to": to, "subject": subject, "body": body})


def sms_backend():
    return import_string(settings.NOTIFICATION_SMS_BACKEND)()


def email_backend():
    return import_string(settings.NOTIFICATION_EMAIL_BACKEND)()


def text_volunteer(phone, subject, body):
    """Send one text message to a volunteer's mobile."""
    if phone:
        sms_backend().send(phone, subject, body)


def email_committee(neighbourhood, subject, body):
    """Email every member of a neighbourhood's committee who has an address."""
    group = neighbourhood.committee_group
    if group is None:
        return
    backend = email_backend()
    for address in group.user_set.exclude(email="").values_list("email", flat=True):
        backend.send(address, subject, body)
