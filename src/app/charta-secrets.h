/* SPDX-License-Identifier: GPL-3.0-or-later */
/* charta-secrets.h: the hub tokens, kept in the desktop's Secret Service (GNOME Keyring,
 * KWallet, or libsecret's own encrypted file inside a Flatpak) through libsecret.
 *
 * A token belongs to one city on one hub, so an item is found by both: the schema
 * "io.github.charta.Charta.HubToken" with the attributes "endpoint" (the hub's address,
 * trimmed, without trailing slashes) and "city" (the project's city id). Two projects of
 * the same city share its token; a city that reports to two hubs keeps one per hub.
 *
 * A token is never written to the project file, to GSettings or to the outbox, and never
 * logged. Tokens come back in non-pageable memory: free them with charta_secrets_free(). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CHARTA_SECRETS_SCHEMA_NAME "io.github.charta.Charta.HubToken"

/* The form of @endpoint the secrets are filed under: trimmed, no trailing '/'. */
char *charta_secrets_normalize_endpoint (const char *endpoint);

void     charta_secrets_store_async   (const char          *endpoint,
                                       const char          *city_id,
                                       const char          *city_name,
                                       const char          *token,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean charta_secrets_store_finish  (GAsyncResult        *result,
                                       GError             **error);

/* Finishes with the token, or NULL and no error when none is stored. */
void     charta_secrets_lookup_async  (const char          *endpoint,
                                       const char          *city_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
char    *charta_secrets_lookup_finish (GAsyncResult        *result,
                                       GError             **error);

/* Removes the token; finishes TRUE also when there was none. */
void     charta_secrets_clear_async   (const char          *endpoint,
                                       const char          *city_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean charta_secrets_clear_finish  (GAsyncResult        *result,
                                       GError             **error);

void     charta_secrets_free (char *token);

G_END_DECLS
