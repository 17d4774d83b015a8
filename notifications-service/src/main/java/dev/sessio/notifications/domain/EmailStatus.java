package dev.sessio.notifications.domain;

/** PENDING → SENDING → SENT; back to PENDING with a backoff after an SMTP failure; FAILED after the last attempt. */
public enum EmailStatus { PENDING, SENDING, SENT, FAILED }
