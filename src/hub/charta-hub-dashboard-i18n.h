/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-hub-dashboard-i18n.h: the dashboard's translations, one language per request.
 *
 * The hub serves readers of many languages at once, so it cannot switch the process's
 * locale (setlocale, LANGUAGE) per request, and uselocale() needs the system's locale
 * data for every language, which a server rarely has. Instead the hub reads its own
 * gettext catalogues (LOCALEDIR/LANG/LC_MESSAGES/charta.mo, the same files the API's
 * and the window's messages come from) once, at start, into read-only tables: a lookup
 * takes the language as an argument and touches no global state, so it is safe from any
 * thread (the writing thread included). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ChartaHubMessages ChartaHubMessages;

/* Loads every catalogue under @localedir (NULL: CHARTA_LOCALEDIR, else LOCALEDIR). */
ChartaHubMessages *charta_hub_messages_load (const char *localedir);
void               charta_hub_messages_free (ChartaHubMessages *self);

/* The best language the hub has for an Accept-Language header value ("nl-BE,nl;q=0.9,
 * en;q=0.5"): a code that lives as long as @self, "en" (the untranslated texts) when
 * none fits. */
const char        *charta_hub_messages_pick (ChartaHubMessages *self,
                                             const char        *accept_language);

/* @msgid in @lang; @msgid itself when the catalogue has no translation. */
const char        *charta_hub_messages_get (ChartaHubMessages *self,
                                            const char        *lang,
                                            const char        *msgid) G_GNUC_FORMAT (3);

/* @msgid of @context (msgctxt) in @lang; @msgid itself when there is no translation. */
const char        *charta_hub_messages_pget (ChartaHubMessages *self,
                                             const char        *lang,
                                             const char        *context,
                                             const char        *msgid) G_GNUC_FORMAT (4);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChartaHubMessages, charta_hub_messages_free)

G_END_DECLS
