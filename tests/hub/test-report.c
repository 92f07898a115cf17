/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The progress report, the outbox and the back-off, without a hub. */
#include "config.h"

#include <string.h>

#include "charta-hub-store.h"
#include "charta-network.h"
#include "charta-report.h"
#include "charta-rounds.h"
#include "charta-sync.h"
#include "hub-fixture.h"

static char *
body_text (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_uuid_v5 (void)
{
  g_autofree char *dns = charta_uuid_v5 ("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com");
  g_autofree char *a = charta_report_make_id ("c3400205-c568-41b7-af1f-cd574d72e33c", "2024");
  g_autofree char *b = charta_report_make_id ("c3400205-c568-41b7-af1f-cd574d72e33c", "2024");
  g_autofree char *c = charta_report_make_id ("c3400205-c568-41b7-af1f-cd574d72e33c", "2024-H1");

  /* The RFC 4122 namespace example, as Python's uuid.uuid5 gives it. */
  g_assert_cmpstr (dns, ==, "2ed6657d-e927-568b-95e1-2665a8aea6a2");
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_true (g_uuid_string_is_valid (a));
  g_assert_cmpint (a[14], ==, '5');
  g_assert_null (charta_uuid_v5 ("not-a-uuid", "x"));
}

static void
test_periods (void)
{
  struct { const char *period, *start, *end; } ok[] = {
    { "2024", "2024-01-01", "2024-12-31" },
    { "2024-H1", "2024-01-01", "2024-06-30" },
    { "2024-H2", "2024-07-01", "2024-12-31" },
    { "2024-Q1", "2024-01-01", "2024-03-31" },
    { "2024-Q4", "2024-10-01", "2024-12-31" },
    { "2024-02", "2024-02-01", "2024-02-29" },
    { "2023-02", "2023-02-01", "2023-02-28" },
  };
  const char *bad[] = { "", "24", "2024-13", "2024-00", "2024-Q5", "2024-H3", "1800", "2024-1", "2024/05",
                        "2024-05-01", "'; DROP TABLE reports;--", "../2024" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autofree char *start = NULL, *end = NULL;
      g_assert_true (charta_report_period_range (ok[i].period, &start, &end, NULL));
      g_assert_cmpstr (start, ==, ok[i].start);
      g_assert_cmpstr (end, ==, ok[i].end);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (charta_report_period_range (bad[i], NULL, NULL, &error));
      g_assert_error (error, CHARTA_REPORT_ERROR, CHARTA_REPORT_ERROR_PERIOD);
    }
}

static void
test_private_stays_home (void)
{
  g_autoptr(ChartaProject) project = make_project (NULL, "Privacyville");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  ChartaPerson *person = g_new0 (ChartaPerson, 1);

  /* A person with contact details, owning an action. */
  person->id = g_uuid_string_random ();
  person->name = g_strdup ("PRIVATE-NAME");
  person->email = g_strdup ("private@example.org");
  person->phone = g_strdup ("+32 PRIVATE");
  g_ptr_array_add (project->people, person);
  ((ChartaAction *) g_ptr_array_index (project->actions, 0))->owner = g_strdup (person->id);

  bytes = report_bytes (project, "2024", NULL);
  text = body_text (bytes);
  g_assert_null (strstr (text, "PRIVATE"));
  g_assert_null (strstr (text, "private@"));
  g_assert_null (strstr (text, person->id));
  /* What is public goes. */
  g_assert_nonnull (strstr (text, "Published plan"));
  g_assert_nonnull (strstr (text, "Training for front-desk staff"));
  g_assert_nonnull (strstr (text, "\"narrative\": \"Privacyville, 2024:"));
}

static void
test_same_project_same_report (void)
{
  g_autoptr(ChartaProject) project = make_project (NULL, NULL);
  g_autoptr(GDateTime) made1 = g_date_time_new_utc (2024, 6, 1, 10, 0, 0);
  g_autoptr(GDateTime) made2 = g_date_time_new_utc (2025, 1, 2, 3, 4, 5);
  g_autoptr(ChartaReport) r1 = charta_report_new (project, "2024", made1, NULL);
  g_autoptr(ChartaReport) r2 = charta_report_new (project, "2024", made2, NULL);
  g_autoptr(ChartaReport) r3 = NULL;

  g_assert_cmpstr (r1->id, ==, r2->id);
  g_assert_cmpstr (r1->revision, ==, r2->revision);
  g_assert_cmpstr (r1->made, !=, r2->made);

  ((ChartaAction *) g_ptr_array_index (project->actions, 0))->status = CHARTA_STATUS_DONE;
  r3 = charta_report_new (project, "2024", made1, NULL);
  g_assert_cmpstr (r3->id, ==, r1->id);
  g_assert_cmpstr (r3->revision, !=, r1->revision);
}

static void
test_parse_roundtrip (void)
{
  g_autoptr(ChartaProject) project = make_project (NULL, NULL);
  g_autoptr(ChartaReport) made = NULL;
  g_autoptr(GBytes) bytes = report_bytes (project, "2024-Q2", &made);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaReport) parsed = charta_report_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (parsed->id, ==, made->id);
  g_assert_cmpstr (parsed->revision, ==, made->revision);
  g_assert_cmpstr (parsed->city_id, ==, project->city->id);
  g_assert_cmpstr (parsed->period, ==, "2024-Q2");
}

static void
expect_invalid (const char *text, const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChartaReport) report = charta_report_parse (text, strlen (text), &error);

  g_assert_null (report);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (message_part)
    g_assert_nonnull (strstr (error->message, message_part));
}

static char *
replace (const char *text, const char *from, const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, 2);
  g_assert_nonnull (parts[1]);
  return g_strconcat (parts[0], to, parts[1], NULL);
}

static void
test_parse_refuses (void)
{
  g_autoptr(ChartaProject) project = make_project (NULL, NULL);
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) bytes = report_bytes (project, "2024", &report);
  g_autofree char *text = body_text (bytes);
  g_autofree char *tampered = replace (text, "Training for", "Trained for");
  g_autofree char *other_id = replace (text, report->id, "00000000-0000-4000-8000-000000000000");
  g_autofree char *extra = replace (text, "\"narrative\"", "\"secret\": 1,\n  \"narrative\"");
  g_autofree char *newer = replace (text, "\"version\": 1", "\"version\": 7");
  g_autofree char *level = replace (text, "\"level\": 3", "\"level\": 9");
  g_autofree char *period = replace (text, "\"end\": \"2024-12-31\"", "\"end\": \"2024-06-30\"");
  GString *deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  expect_invalid ("", NULL);
  expect_invalid ("{not json", NULL);
  expect_invalid ("[]", "object");
  expect_invalid ("{\"format\": \"charta-project\"}", "format");
  expect_invalid (tampered, "revision");
  expect_invalid (other_id, "id");
  expect_invalid (extra, "unknown member");
  expect_invalid (level, "levels[0].level");
  expect_invalid (period, "period");

  g_assert_null (charta_report_parse (newer, strlen (newer), &error));
  g_assert_error (error, CHARTA_REPORT_ERROR, CHARTA_REPORT_ERROR_VERSION);

  /* 200,000 levels deep: refused at the depth limit, no crash. */
  for (int i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  for (int i = 0; i < 200000; i++)
    g_string_append_c (deep, ']');
  expect_invalid (deep->str, "deep");
  g_string_free (deep, TRUE);
}

/* Text of a report changed by hand, its revision made to match again, so that only the
 * change itself is judged. */
static char *
resigned (const char *text, const char *from, const char *to)
{
  g_autofree char *changed = replace (text, from, to);
  g_autoptr(ChartaNode) root = charta_json_parse (changed, strlen (changed), NULL, NULL, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *revision = NULL;

  g_assert_nonnull (root);
  revision = charta_report_compute_revision (root);
  charta_node_set_member (root, "revision", charta_node_new_string (revision));
  charta_json_write (out, root, 0);
  return g_strdup (out->str);
}

static const ChartaNode *
parsed_round (GBytes *bytes)
{
  static ChartaReport *keep;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&keep, charta_report_free);
  keep = charta_report_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return charta_node_get_member (keep->root, "round");
}

static void
assert_round (const ChartaNode *round, gint64 number, gboolean open, const char *label, const char *closed)
{
  const ChartaNode *l, *c;
  gint64 n;

  g_assert_nonnull (round);
  g_assert_true (charta_node_get_int (charta_node_get_member (round, "number"), &n));
  g_assert_cmpint (n, ==, number);
  g_assert_cmpint (charta_node_get_member (round, "open")->boolean, ==, open);
  l = charta_node_get_member (round, "label");
  c = charta_node_get_member (round, "closed");
  g_assert_cmpstr (l ? l->string : NULL, ==, label);
  g_assert_cmpstr (c ? c->string : NULL, ==, closed);
}

/* The report names the round it is on: the open one (numbered as it will be when closed,
 * with the last closed round's label), or the closed round of an earlier period; the hub's
 * parser checks the field and still takes reports without it. */
static void
test_round (void)
{
  g_autoptr(ChartaProject) project = make_project (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = report_bytes (project, NULL, NULL);
  g_autoptr(GBytes) open = NULL, closed = NULL, older = NULL;
  g_autofree char *text = NULL;

  assert_round (parsed_round (first), 1, TRUE, NULL, NULL);

  g_assert_nonnull (charta_project_close_round (project, "Evaluation 2024", "2024-12-31", &error));
  g_assert_no_error (error);
  g_free (project->period->start);
  g_free (project->period->end);
  project->period->start = g_strdup ("2025-01-01");
  project->period->end = g_strdup ("2025-12-31");
  open = report_bytes (project, NULL, NULL);
  assert_round (parsed_round (open), 2, TRUE, "Evaluation 2024", "2024-12-31");
  closed = report_bytes (project, "2024", NULL);
  assert_round (parsed_round (closed), 1, FALSE, "Evaluation 2024", "2024-12-31");
  /* A period no round reported on: no round, as in a report made before rounds existed. */
  older = report_bytes (project, "2023", NULL);
  g_assert_null (parsed_round (older));

  text = body_text (closed);
  {
    g_autofree char *no_label = resigned (text, "\"label\": \"Evaluation 2024\",", "");
    g_autofree char *bad_open = resigned (text, "\"open\": false", "\"open\": \"no\"");
    g_autofree char *bad_number = resigned (text, "\"number\": 1,", "\"number\": 0,");
    g_autofree char *bad_date = resigned (text, "\"closed\": \"2024-12-31\"", "\"closed\": \"31/12/2024\"");
    g_autofree char *extra = resigned (text, "\"open\": false", "\"open\": false, \"secret\": 1");
    g_autoptr(GRegex) names = g_regex_new (",\\s*\"label\"[^}]*", 0, 0, NULL);
    g_autofree char *unnamed = g_regex_replace_literal (names, text, -1, 0, "", 0, NULL);
    g_autofree char *bare_closed = resigned (unnamed, "\"format\"", "\"format\"");
    g_autoptr(GRegex) block = g_regex_new ("\"round\": \\{[^}]*\\},\\s*", 0, 0, NULL);
    g_autofree char *old_text = body_text (open);
    g_autofree char *stripped = g_regex_replace_literal (block, old_text, -1, 0, "", 0, NULL);
    g_autofree char *old = resigned (stripped, "\"format\"", "\"format\"");
    g_autoptr(ChartaReport) parsed = NULL;

    expect_invalid (no_label, "round: “label” and “closed” go together");
    expect_invalid (bad_open, "round.open");
    expect_invalid (bad_number, "round.number");
    expect_invalid (bad_date, "round.closed");
    expect_invalid (extra, "unknown member");
    expect_invalid (bare_closed, "round: a closed round needs its “label”");
    /* A report from before rounds: accepted as it is. */
    g_assert_null (strstr (old, "\"round\""));
    parsed = charta_report_parse (old, strlen (old), &error);
    g_assert_no_error (error);
    g_assert_null (charta_node_get_member (parsed->root, "round"));
  }
}

static void
test_backoff (void)
{
  for (guint attempt = 1; attempt <= 20; attempt++)
    for (int i = 0; i < 50; i++)
      {
        gint64 full = MIN ((gint64) 1000 << MIN (attempt - 1, 20), 600000);
        gint64 ms = charta_sync_backoff_ms (attempt, -1);
        g_assert_cmpint (ms, >=, full / 2);
        g_assert_cmpint (ms, <=, full);
      }
  /* The hub's Retry-After wins when longer. */
  g_assert_cmpint (charta_sync_backoff_ms (1, 30), >=, 30000);
  g_assert_cmpint (charta_sync_backoff_ms (1, 0), <=, 1000);
}

static void
test_endpoint (void)
{
  const char *id = "8accf094-12ee-54d1-92de-bfd9e4f9b6ba";
  struct { const char *endpoint, *url; } ok[] = {
    { "https://hub.example.org", "https://hub.example.org/api/v1/reports/" },
    { "https://hub.example.org/", "https://hub.example.org/api/v1/reports/" },
    { "https://example.org/charta/", "https://example.org/charta/api/v1/reports/" },
    { "http://127.0.0.1:8080/", "http://127.0.0.1:8080/api/v1/reports/" },
    { "http://[::1]:8080", "http://[::1]:8080/api/v1/reports/" },
  };
  const char *bad[] = { "hub.example.org", "ftp://hub.example.org/", "http://hub.example.org/",
                        "https://user:pw@hub.example.org/", "https://hub.example.org/?x=1", "" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autofree char *url = charta_sync_report_url (ok[i].endpoint, id, NULL);
      g_autofree char *expected = g_strconcat (ok[i].url, id, NULL);
      g_assert_cmpstr (url, ==, expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = charta_sync_report_url (bad[i], id, &error);
      g_assert_null (url);
      g_assert_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_ENDPOINT);
    }
}

/* The network summary's address: the same rules for the endpoint, and a period checked. */
static void
test_summary_url (void)
{
  const char *bad[] = { "hub.example.org", "http://hub.example.org/", "https://hub.example.org/?x=1" };
  g_autofree char *url = charta_sync_summary_url ("https://example.org/charta/", "2024-H1", NULL);
  g_autofree char *local = charta_sync_summary_url ("http://127.0.0.1:8080", "2024", NULL);
  g_autoptr(GError) period_error = NULL;
  g_autofree char *no_period = charta_sync_summary_url ("https://hub.example.org/", "2024&city=x", &period_error);

  g_assert_cmpstr (url, ==, "https://example.org/charta/api/v1/network/summary?period=2024-H1");
  g_assert_cmpstr (local, ==, "http://127.0.0.1:8080/api/v1/network/summary?period=2024");
  g_assert_null (no_period);
  g_assert_error (period_error, CHARTA_REPORT_ERROR, CHARTA_REPORT_ERROR_PERIOD);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *none = charta_sync_summary_url (bad[i], "2024", &error);
      g_assert_null (none);
      g_assert_error (error, CHARTA_SYNC_ERROR, CHARTA_SYNC_ERROR_ENDPOINT);
    }
}

static void
test_outbox (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "outbox-test", NULL);
  g_autoptr(ChartaOutbox) outbox = charta_outbox_new (dir);
  g_autoptr(ChartaProject) project = make_project (NULL, NULL);
  g_autoptr(ChartaReport) r1 = NULL, r2 = NULL;
  g_autoptr(GBytes) b1 = report_bytes (project, "2024", &r1);
  g_autoptr(GBytes) b2 = NULL;
  g_autoptr(ChartaOutboxEntry) e1 = charta_outbox_entry_new (r1, b1, "https://hub.example.org/", NULL);
  g_autoptr(ChartaOutboxEntry) e2 = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  ChartaOutboxEntry *read;

  e1->attempts = 2;
  e1->next_attempt = 1700000000;
  g_assert_true (charta_outbox_put (outbox, e1, &error));
  g_assert_no_error (error);
  list = charta_outbox_list (outbox, NULL, &error);
  g_assert_cmpuint (list->len, ==, 1);
  read = g_ptr_array_index (list, 0);
  /* The exact bytes come back. */
  g_assert_true (g_bytes_equal (read->body, b1));
  g_assert_cmpuint (read->attempts, ==, 2);
  g_assert_cmpint (read->next_attempt, ==, 1700000000);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A newer revision replaces the older; removing the older then leaves the newer. */
  ((ChartaAction *) g_ptr_array_index (project->actions, 0))->status = CHARTA_STATUS_DONE;
  b2 = report_bytes (project, "2024", &r2);
  e2 = charta_outbox_entry_new (r2, b2, "https://hub.example.org/", NULL);
  g_assert_true (charta_outbox_put (outbox, e2, NULL));
  g_assert_true (charta_outbox_remove (outbox, r1->id, r1->revision, NULL));
  list = charta_outbox_list (outbox, NULL, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ChartaOutboxEntry *) g_ptr_array_index (list, 0))->revision, ==, r2->revision);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (charta_outbox_remove (outbox, r2->id, r2->revision, NULL));
  list = charta_outbox_list (outbox, NULL, NULL);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_outbox_tampered (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "outbox-tampered", NULL);
  g_autoptr(ChartaOutbox) outbox = charta_outbox_new (dir);
  g_autoptr(ChartaProject) project = make_project (NULL, NULL);
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) bytes = report_bytes (project, "2024", &report);
  g_autoptr(ChartaOutboxEntry) entry = charta_outbox_entry_new (report, bytes, "https://hub.example.org/", NULL);
  g_autofree char *file_name = g_strconcat (report->id, ".json", NULL);
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autofree char *text = NULL, *changed = NULL, *problems = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (charta_outbox_put (outbox, entry, NULL));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  changed = replace (text, "Translate the website", "Translate the web site");
  g_assert_true (g_file_set_contents (path, changed, -1, NULL));
  list = charta_outbox_list (outbox, &problems, NULL);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_nonnull (strstr (problems, "changed"));
}

static void
test_median (void)
{
  int odd[] = { 1, 2, 4 }, even[] = { 1, 2, 3, 5 }, one[] = { 3 };

  g_assert_cmpfloat (charta_hub_median (odd, 3), ==, 2.0);
  g_assert_cmpfloat (charta_hub_median (even, 4), ==, 2.5);
  g_assert_cmpfloat (charta_hub_median (one, 1), ==, 3.0);
  g_assert_cmpfloat (charta_hub_median (NULL, 0), ==, 0.0);
}

static void
test_network_roundtrip (void)
{
  g_autoptr(ChartaNetworkSummary) summary = charta_network_summary_new ("2024", 3);
  g_autoptr(ChartaNetworkSummary) back = NULL;
  g_autoptr(ChartaNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *again = NULL;
  int levels[] = { 4, 2, 2 };
  const ChartaNetworkItem *item;

  charta_network_summary_add_item (summary, "charter.commitment.policymaker.1", 5, levels, 3);
  text = charta_network_summary_to_json (summary);
  node = charta_json_parse (text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  back = charta_network_summary_from_node (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->cities, ==, 3);
  item = charta_network_summary_find (back, "charter.commitment.policymaker.1");
  g_assert_nonnull (item);
  g_assert_cmpint (item->scale, ==, 5);
  g_assert_cmpuint (item->cities, ==, 3);
  g_assert_cmpuint (item->counts[1], ==, 2);
  g_assert_cmpuint (item->counts[3], ==, 1);
  g_assert_cmpfloat (item->median, ==, 2.0);
  again = charta_network_summary_to_json (back);
  g_assert_cmpstr (again, ==, text);
  g_assert_null (charta_network_summary_find (back, "dive.other"));
}

static void
test_network_refuses (void)
{
  const char *bad[][2] = {
    { "[]", "(root)" },
    { "{\"cities\": 1, \"items\": []}", "period" },
    { "{\"period\": \"2024\", \"cities\": -1, \"items\": []}", "cities" },
    { "{\"period\": \"2024\", \"cities\": 1, \"items\": [{\"item\": \"a.b\", \"scale\": 500, "
      "\"cities\": 1, \"levels\": [], \"median\": 1}]}", "items[0]" },
    { "{\"period\": \"2024\", \"cities\": 1, \"items\": [{\"item\": \"a.b\", \"scale\": 5, "
      "\"cities\": 1, \"levels\": [{\"level\": 9, \"cities\": 1}], \"median\": 1}]}", "items[0]" },
    { "{\"period\": \"2024\", \"cities\": 1, \"items\": [{\"item\": \"a.b\", \"scale\": 5, "
      "\"cities\": 1, \"levels\": [], \"median\": 51.5}]}", "items[0]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(ChartaNode) node = charta_json_parse (bad[i][0], strlen (bad[i][0]), NULL, NULL, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChartaNetworkSummary) summary = charta_network_summary_from_node (node, &error);

      g_assert_null (summary);
      g_assert_error (error, CHARTA_NETWORK_ERROR, CHARTA_NETWORK_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, bad[i][1]));
    }
}

static void
test_check_catalogue (void)
{
  g_autoptr(ChartaProject) project = make_project (NULL, NULL);
  g_autoptr(ChartaReport) report = NULL;
  g_autoptr(GBytes) bytes = report_bytes (project, "2024", &report);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) levels = NULL;
  ChartaNode *first;

  g_assert_true (charta_report_check_catalogue (report, charta_catalogue_get_default (), &error));
  g_assert_no_error (error);
  levels = charta_report_get_levels (report);
  g_assert_cmpuint (levels->len, ==, 2);
  g_assert_cmpint (g_array_index (levels, ChartaReportLevel, 0).scale, ==, 5);
  first = g_ptr_array_index (charta_node_get_member (report->root, "levels")->array, 0);
  charta_node_set_member (first, "level", charta_node_new_number_int (100));
  charta_node_set_member (first, "scale", charta_node_new_number_int (100));
  g_assert_false (charta_report_check_catalogue (report, charta_catalogue_get_default (), &error));
  g_assert_error (error, CHARTA_REPORT_ERROR, CHARTA_REPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "levels[0].scale"));
  g_clear_error (&error);
  charta_node_set_member (first, "scale", charta_node_new_number_int (5));
  g_assert_false (charta_report_check_catalogue (report, charta_catalogue_get_default (), &error));
  g_assert_nonnull (strstr (error->message, "levels[0].level"));
  g_clear_error (&error);
  charta_node_set_member (first, "level", charta_node_new_number_int (1));
  charta_node_set_member (first, "item", charta_node_new_string ("zzz.fake.item"));
  g_assert_false (charta_report_check_catalogue (report, charta_catalogue_get_default (), &error));
  g_assert_nonnull (strstr (error->message, "levels[0].item"));
  g_assert_nonnull (strstr (error->message, "zzz.fake.item"));
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report/uuid-v5", test_uuid_v5);
  g_test_add_func ("/report/periods", test_periods);
  g_test_add_func ("/report/private-stays-home", test_private_stays_home);
  g_test_add_func ("/report/same-project-same-report", test_same_project_same_report);
  g_test_add_func ("/report/parse/roundtrip", test_parse_roundtrip);
  g_test_add_func ("/report/parse/refuses", test_parse_refuses);
  g_test_add_func ("/report/round", test_round);
  g_test_add_func ("/sync/backoff", test_backoff);
  g_test_add_func ("/sync/endpoint", test_endpoint);
  g_test_add_func ("/sync/summary-url", test_summary_url);
  g_test_add_func ("/sync/outbox/roundtrip", test_outbox);
  g_test_add_func ("/sync/outbox/tampered", test_outbox_tampered);
  g_test_add_func ("/hub/median", test_median);
  g_test_add_func ("/network/summary/roundtrip", test_network_roundtrip);
  g_test_add_func ("/network/summary/refuses", test_network_refuses);
  g_test_add_func ("/report/check-catalogue", test_check_catalogue);
  return g_test_run ();
}
