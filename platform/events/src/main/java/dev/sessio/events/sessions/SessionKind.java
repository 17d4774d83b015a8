package dev.sessio.events.sessions;

/** What a session is: a catalogue webinar for schools, a one-to-one mentoring session, or a recorded defence. */
public enum SessionKind { WEBINAR, MENTORING, DEFENCE }
