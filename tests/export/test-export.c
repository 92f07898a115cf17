/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export.c: the report document model and the renderers, on the example project and
 * on projects made here. The command line and the files it writes, read back by other
 * programs, are checked by check-export.py. */
#define G_LOG_DOMAIN "test-export"
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "charta-export.h"
#include "charta-export-chart.h"
#include "charta-export-pdf-writer.h"
#include "charta-export-text.h"
#include "charta-export-text-private.h"

#define PRIVATE_ITEM "dive.indicator.employer.1"

static ChartaProject *
load_example (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CHARTA_SOURCE_DIR"), "data", "examples", "mechelen-2018.charta", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChartaProject *project = charta_project_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return project;
}

static ChartaExportDocument *
example_document (gboolean internal)
{
  g_autoptr(ChartaProject) project = load_example ();
  ChartaExportOptions options = { .internal = internal, .today = "2018-12-31", .language = "en" };

  return charta_export_document_new (project, charta_catalogue_get_default (), &options);
}

static const ChartaExportAssessment *
find_assessment (const ChartaExportDocument *doc, const char *item)
{
  for (guint f = 0; f < doc->assessed->len; f++)
    {
      const ChartaExportFramework *fw = g_ptr_array_index (doc->assessed, f);
      for (guint i = 0; i < fw->assessments->len; i++)
        {
          const ChartaExportAssessment *a = g_ptr_array_index (fw->assessments, i);
          if (g_str_equal (a->item, item))
            return a;
        }
    }
  return NULL;
}

static gboolean
bytes_contain (GBytes *bytes, const char *needle)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strstr_len (data, size, needle) != NULL;
}

static void
test_public_leaves_out_internal (void)
{
  g_autoptr(ChartaExportDocument) doc = example_document (FALSE);
  g_autoptr(ChartaProject) project = load_example ();
  const ChartaExportAssessment *a = find_assessment (doc, PRIVATE_ITEM);
  const ChartaAssessment *source = charta_project_get_assessment (project, PRIVATE_ITEM);

  g_assert_true (source->evidence_private);
  g_assert_nonnull (a);                    /* the level is public; the evidence is not */
  g_assert_cmpint (a->level, ==, source->level);
  g_assert_null (a->evidence);
  for (guint i = 0; i < doc->actions->len; i++)
    {
      const ChartaExportAction *action = g_ptr_array_index (doc->actions, i);
      const ChartaAction *original = g_ptr_array_index (project->actions, i);
      const ChartaPerson *owner = charta_project_find_person (project, original->owner);

      g_assert_null (action->notes);
      if (owner != NULL)
        g_assert_cmpstr (action->owner, ==, owner->organisation);
    }
  for (guint i = 0; i < doc->consultations->len; i++)
    {
      const ChartaExportConsultation *c = g_ptr_array_index (doc->consultations, i);
      g_assert_null (c->participants);
      g_assert_null (c->conclusions);
      g_assert_null (c->notes);
    }
}

static void
test_internal_keeps_everything (void)
{
  g_autoptr(ChartaExportDocument) doc = example_document (TRUE);
  g_autoptr(ChartaProject) project = load_example ();
  const ChartaExportAssessment *a = find_assessment (doc, PRIVATE_ITEM);
  guint notes = 0, conclusions = 0;

  g_assert_cmpstr (a->evidence, ==, charta_project_get_assessment (project, PRIVATE_ITEM)->evidence);
  g_assert_true (a->evidence_internal);
  for (guint i = 0; i < doc->actions->len; i++)
    notes += ((ChartaExportAction *) g_ptr_array_index (doc->actions, i))->notes != NULL;
  for (guint i = 0; i < doc->consultations->len; i++)
    conclusions += ((ChartaExportConsultation *) g_ptr_array_index (doc->consultations, i))->conclusions != NULL;
  g_assert_cmpuint (notes, >, 0);
  g_assert_cmpuint (conclusions, ==, doc->consultations->len);
  g_assert_cmpstr (charta_export_describe_audience (doc), ==, "Internal");
}

static void
test_sections (void)
{
  g_autoptr(ChartaExportDocument) doc = example_document (FALSE);
  const char *anchors[] = { "summary", "assessment", "action-plan", "measures", "consultations" };

  g_assert_cmpuint (doc->sections->len, ==, G_N_ELEMENTS (anchors));
  for (guint i = 0; i < G_N_ELEMENTS (anchors); i++)
    g_assert_cmpstr (((ChartaExportSection *) g_ptr_array_index (doc->sections, i))->anchor, ==, anchors[i]);
  g_assert_cmpuint (doc->roles->len, ==, 4);
  g_assert_cmpstr (doc->city, ==, "Mechelen");
  g_assert_cmpstr (doc->period_start, ==, "2018-01-01");
  g_assert_cmpuint (doc->frameworks->len, ==, 3);
}

/* Close a round, change two levels and an action: the document lists exactly those, in
 * the PDF's and the web page's section, the cover names the round; without a round there
 * is no section and the document says why. */
static void
test_changes_since_round (void)
{
  g_autoptr(ChartaProject) project = load_example ();
  ChartaExportOptions options = { .today = "2018-12-31", .language = "en" };
  g_autoptr(ChartaExportDocument) none = charta_export_document_new (project, charta_catalogue_get_default (), &options);
  g_autoptr(ChartaExportDocument) doc = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(ChartaExportTable) table = NULL;
  g_autoptr(GError) error = NULL;
  ChartaAction *action = g_ptr_array_index (project->actions, 1);
  const ChartaExportChange *c;

  g_assert_null (none->since_label);
  g_assert_nonnull (none->no_changes_reason);
  g_assert_cmpuint (none->changes->len, ==, 0);
  for (guint i = 0; i < none->sections->len; i++)
    g_assert_cmpint (((ChartaExportSection *) g_ptr_array_index (none->sections, i))->kind, !=, CHARTA_EXPORT_SECTION_CHANGES);

  g_assert_nonnull (charta_project_close_round (project, "Mid-year", "2018-06-30", &error));
  g_assert_no_error (error);
  charta_project_get_assessment (project, "charter.commitment.policymaker.1")->level = 3;   /* 2 → 3 */
  g_assert_cmpint (action->status, ==, CHARTA_STATUS_IN_PROGRESS);
  action->status = CHARTA_STATUS_DONE;
  doc = charta_export_document_new (project, charta_catalogue_get_default (), &options);
  g_assert_cmpstr (doc->since_label, ==, "Mid-year");
  g_assert_cmpuint (doc->since_number, ==, 1);
  g_assert_cmpstr (((ChartaExportSection *) g_ptr_array_index (doc->sections, 1))->anchor, ==, "changes");
  /* Two postponed actions fell due between June and December: newly overdue. */
  g_assert_cmpuint (doc->changes->len, ==, 4);
  c = g_ptr_array_index (doc->changes, 0);
  g_assert_cmpint (c->kind, ==, CHARTA_CHANGE_LEVEL_UP);
  g_assert_cmpstr (c->description, ==, "level 2 → 3");
  g_assert_cmpstr (c->groups, ==, "The city as policymaker");
  c = g_ptr_array_index (doc->changes, 1);
  g_assert_cmpint (c->kind, ==, CHARTA_CHANGE_ACTION_COMPLETED);
  g_assert_cmpstr (c->title, ==, action->title);
  g_assert_cmpstr (c->description, ==, "In progress → Done");
  for (guint i = 2; i < 4; i++)
    g_assert_cmpint (((ChartaExportChange *) g_ptr_array_index (doc->changes, i))->kind, ==, CHARTA_CHANGE_ACTION_OVERDUE);
  g_assert_cmpuint (doc->change_groups->len, >=, 2);

  html = charta_export_html (doc);
  g_assert_true (bytes_contain (html, "<section id=\"changes\""));
  g_assert_true (bytes_contain (html, "Changes since round 1 “Mid-year”, closed on 2018-06-30"));
  g_assert_true (bytes_contain (html, "<td>level 2 → 3</td>"));
  table = charta_export_table_new (doc, "changes");
  g_assert_cmpuint (charta_export_table_get_n_rows (table), ==, 4);
  g_assert_cmpfloat (charta_export_table_get_cell (table, 0, 6)->number, ==, 3);
}

static ChartaProject *
tricky_project (void)
{
  ChartaProject *project = charta_project_new ("Sint-Niklaas, \"Waasland\"");
  ChartaAction *a = charta_action_new ("He said \"hi\", then\nleft <b>&amp;</b>");
  ChartaMeasure *m = charta_measure_new ("Share", "%");

  a->due = g_strdup ("2024-03-01");
  a->start = g_strdup ("2024-01-15");
  a->progress = 40;
  a->status = CHARTA_STATUS_IN_PROGRESS;
  g_ptr_array_add (project->actions, a);
  g_ptr_array_add (project->actions, charta_action_new ("Plain"));
  m->actuals = g_ptr_array_new ();
  g_ptr_array_add (m->actuals, charta_dated_value_new ("2024-02-01", 12.5));
  g_ptr_array_add (m->actuals, charta_dated_value_new ("2024-01-01", 10));
  g_ptr_array_add (project->measures, m);
  return project;
}

static ChartaExportDocument *
tricky_document (gboolean internal)
{
  g_autoptr(ChartaProject) project = tricky_project ();
  ChartaExportOptions options = { .internal = internal, .today = "2024-06-01", .language = "en" };

  return charta_export_document_new (project, charta_catalogue_get_default (), &options);
}

static void
test_csv_rfc4180 (void)
{
  g_autoptr(ChartaExportDocument) doc = tricky_document (FALSE);
  g_autoptr(ChartaExportTable) table = charta_export_table_new (doc, "actions");
  g_autoptr(GBytes) csv = charta_export_csv (table);
  gsize size;
  const char *data = g_bytes_get_data (csv, &size);
  g_autofree char *text = g_strndup (data, size);

  g_assert_true (g_str_has_prefix (text, "Id,Title,Status,Progress (%),Start,Due,Overdue,Owner,"));
  g_assert_nonnull (strstr (text, ",\"He said \"\"hi\"\", then\nleft <b>&amp;</b>\",In progress,40,2024-01-15,2024-03-01,TRUE,"));
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  /* Every record ends in CRLF: the header, two actions. */
  g_assert_cmpuint (g_strv_length (g_strsplit (text, "\r\n", -1)) - 1, ==, 3);
  /* No notes column in a public table. */
  g_assert_null (strstr (text, "Notes"));
}

/* Formula injection: a text that a spreadsheet would run starts with a quote; a negative
 * number stays a number. */
static void
test_csv_formula_guard (void)
{
  g_autoptr(ChartaProject) project = charta_project_new ("Ghent");
  const char *titles[] = { "=HYPERLINK(\"http://x.example\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\tTab", "\rCR",
                           "Plain = text", "a,=b" };
  const char *expected[] = { "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\"", "'+1+2", "'-2+3", "'@SUM(A1)",
                             "'\tTab", "\"'\rCR\"", "Plain = text", "\"a,=b\"" };
  ChartaMeasure *m = charta_measure_new ("=cmd|' /C calc'!A0", "-");
  g_autoptr(ChartaExportDocument) doc = NULL;
  g_autoptr(ChartaExportTable) actions = NULL, measures = NULL;
  g_autoptr(GBytes) csv = NULL, csv_measures = NULL;
  ChartaExportOptions options = { .today = "2024-06-30", .language = "en" };
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    g_ptr_array_add (project->actions, charta_action_new (titles[i]));
  g_ptr_array_add (m->actuals, charta_dated_value_new ("2024-01-01", -4.5));
  g_ptr_array_add (project->measures, m);
  doc = charta_export_document_new (project, charta_catalogue_get_default (), &options);
  actions = charta_export_table_new (doc, "actions");
  csv = charta_export_csv (actions);
  text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      const ChartaExportAction *a = g_ptr_array_index (doc->actions, i);
      g_autofree char *field = g_strdup_printf (",%s,", expected[i]);
      g_autofree char *row = g_strdup_printf ("%s%s", a->id, field);

      g_assert_nonnull (strstr (text, row));
    }
  measures = charta_export_table_new (doc, "measures");
  csv_measures = charta_export_csv (measures);
  g_clear_pointer (&text, g_free);
  text = g_strndup (g_bytes_get_data (csv_measures, NULL), g_bytes_get_size (csv_measures));
  g_assert_nonnull (strstr (text, ",'=cmd|' /C calc'!A0,'-,"));
  g_assert_nonnull (strstr (text, ",2024-01-01,-4.5,"));
}

static void
test_csv_measures_one_row_per_actual (void)
{
  g_autoptr(ChartaExportDocument) doc = tricky_document (FALSE);
  g_autoptr(ChartaExportTable) table = charta_export_table_new (doc, "measures");

  g_assert_cmpuint (charta_export_table_get_n_rows (table), ==, 2);
  /* In date order, whatever the order entered. */
  g_assert_cmpstr (charta_export_table_get_cell (table, 0, 4)->text, ==, "2024-01-01");
  g_assert_cmpfloat (charta_export_table_get_cell (table, 1, 5)->number, ==, 12.5);
  g_assert_true (isnan (charta_export_table_get_cell (table, 0, 9)->number));   /* no target */
}

static void
test_html_escapes (void)
{
  g_autoptr(ChartaExportDocument) doc = tricky_document (FALSE);
  g_autoptr(GBytes) html = charta_export_html (doc);

  g_assert_true (bytes_contain (html, "He said &quot;hi&quot;, then\nleft &lt;b&gt;&amp;amp;&lt;/b&gt;"));
  g_assert_false (bytes_contain (html, "<b>&amp;</b>"));
  g_assert_false (bytes_contain (html, "<script"));
  g_assert_true (bytes_contain (html, "<html lang=\"en\">"));
  g_assert_true (bytes_contain (html, "Sint-Niklaas, &quot;Waasland&quot;"));
}

static void
test_ics_stable_uids (void)
{
  g_autoptr(ChartaProject) project = tricky_project ();
  ChartaExportOptions options = { .today = "2024-06-01" };
  g_autoptr(ChartaExportDocument) doc = charta_export_document_new (project, charta_catalogue_get_default (), &options);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) ics = charta_export_ics (doc, &error);
  g_autofree char *uid = g_strdup_printf ("UID:%s@charta.action", ((ChartaAction *) g_ptr_array_index (project->actions, 0))->id);

  g_assert_no_error (error);
  g_assert_true (bytes_contain (ics, "BEGIN:VCALENDAR"));
  g_assert_true (bytes_contain (ics, uid));
  g_assert_true (bytes_contain (ics, "DUE;VALUE=DATE:20240301"));
  g_assert_true (bytes_contain (ics, "DTSTART;VALUE=DATE:20240115"));
  g_assert_true (bytes_contain (ics, "STATUS:IN-PROCESS"));
  g_assert_true (bytes_contain (ics, "PERCENT-COMPLETE:40"));
}

/* Table cells and paragraphs are shaped once and broken into lines by
 * charta-export-text.c, which must break where a PangoLayout with PANGO_WRAP_WORD_CHAR
 * does, at the same heights and baselines, or hand the text to a layout. */
/* The same glyphs at the same places: a run of the text is a run of the layout's line. */
static void
compare_runs (ChartaExportText *shaped, guint line, PangoLayoutLine *expected)
{
  const char *text;
  GSList *runs = charta_export_text_get_runs (shaped, line, &text);
  GSList *l = expected->runs;

  g_assert_cmpuint (g_slist_length (runs), ==, g_slist_length (expected->runs));
  for (; runs != NULL; runs = runs->next, l = l->next)
    {
      PangoGlyphString *got = ((PangoGlyphItem *) runs->data)->glyphs;
      PangoGlyphString *want = ((PangoGlyphItem *) l->data)->glyphs;

      g_assert_cmpint (got->num_glyphs, ==, want->num_glyphs);
      for (int i = 0; i < got->num_glyphs; i++)
        {
          g_assert_cmpuint (got->glyphs[i].glyph, ==, want->glyphs[i].glyph);
          g_assert_cmpint (got->glyphs[i].geometry.width, ==, want->glyphs[i].geometry.width);
          g_assert_cmpint (got->glyphs[i].geometry.x_offset, ==, want->glyphs[i].geometry.x_offset);
          g_assert_cmpint (got->glyphs[i].geometry.y_offset, ==, want->glyphs[i].geometry.y_offset);
          g_assert_cmpint (got->log_clusters[i], ==, want->log_clusters[i]);
        }
    }
}

static void
compare_with_layout (ChartaExportFont *font, PangoContext *context, PangoAttrList *attrs, const char *text, int width,
                     guint *fast, guint *n)
{
  g_autoptr(ChartaExportText) shaped = charta_export_text_new (font, text, width);
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  PangoLayoutIter *iter;
  int w, h;
  guint line = 0;

  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, width);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  g_test_message ("%d: %s", width, text);
  g_assert_cmpint (charta_export_text_get_height (shaped), ==, h);
  g_assert_cmpint (charta_export_text_get_n_lines (shaped), ==, pango_layout_get_line_count (layout));
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle expected, got;
      int baseline, start;

      pango_layout_iter_get_line_extents (iter, NULL, &expected);
      charta_export_text_get_line (shaped, line++, &got, &baseline, &start);
      g_assert_cmpint (start, ==, pango_layout_iter_get_index (iter));
      g_assert_cmpint (baseline, ==, pango_layout_iter_get_baseline (iter));
      g_assert_cmpint (got.y, ==, expected.y);
      g_assert_cmpint (got.height, ==, expected.height);
      g_assert_cmpint (got.x, ==, expected.x);
      if (charta_export_text_get_layout (shaped) == NULL)
        compare_runs (shaped, line - 1, pango_layout_iter_get_line_readonly (iter));
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  *fast += charta_export_text_get_layout (shaped) == NULL;
  *n += 1;
}

static void
test_text_breaks_as_layout (void)
{
  const char *verbs[] = { "Train", "Map", "Set up", "Evaluate", "Translate", "Pilot", "Support" };
  const char *objects[] = { "front-desk staff", "the welcome guide", "the housing waiting list",
                            "job-seeker coaching", "the annual residents' survey", "Ελένη Παπαδοπούλου" };
  const char *topics[] = { "intercultural communication", "plain language", "anti-discrimination",
                           "social procurement", "language support" };
  const char *places[] = { "in the city centre", "in Nekkerspoel", "city-wide", "at the town hall",
                           "in primary schools" };
  const char *odd[] = { "", " ", "Two  spaces", "Trailing space ", " Leading space", "a", "Done (35%)",
                        "2024-11-11", "Zürich — Malmö", "Onderwijsvernieuwingsstuurgroepvergadering",
                        "Soft\u00ADhyphen\u00ADated\u00ADword\u00ADin\u00ADa\u00ADcell",
                        "Line one\nline two", "Tab\there", "فاطمة الزهراء", "Amal فاطمة Benali",
                        "Ελένη Παπαδοπούλου and the Greek community", "北京市 朝阳区 community centre",
                        "https://example.org/a/very/long/address/that/does/not/break/anywhere",
                        "What communication channels do you have at your disposal? A city magazine? A website? Others?",
                        "A Tale of Two Cities: Yes, We Value Vast Avenues. T. Y. V. W. A. L. 'quoted' \"text\" (x) [y] {z}",
                        "Ty Te To Ta Yo Ya Ye Vo Va Ve Wo Wa We Fa Fo Pa LT LV LY AV AW AY AT f fi fl ffi ff 1/2 3.14 50% #1 a_b",
                        "front-desk staff, anti-discrimination; 2024-11-11 x-1 a -b a - b a--b -a e-mail A-Za 1-a",
                        "wow!great a?b a;b a:b a,b a.b a)b x'b a%b a&b a#b a-'b a-(b a'(b a' (b a (b a ( b 1.5%",
                        "ab)'cd 'hello' world \"quoted\" text a '(b x) y x. y %a a! a! b word ) x (35%) x foo (bar) baz",
                        "it's a 'q' \"d\" e A. B. C end. Next, one; two: three! four? five residents' survey",
                        "Évaluer l’accueil des nouveaux arrivants à Malmö — « café » … et l’œuvre",
                        "Überprüfung der Maßnahmen für Zürich – „Vielfalt“ • Ärger über Öl",
                        "Één keer per jaar: de inburgeringscoördinator en ‘diversiteit’ in Geel",
                        "Łódź, Kraków, Škoda, Dvořák, Ålesund, Þór, ĳ, ß, ÿ",
                        "© 2024 “smart” quotes ½ ×÷ ° € ¿Qué?" };
  const char *tokens[] = { "word", "x-", "-a", "a-b", "2024-11-11", "a.", ".b", "(b", "b)", "'q'", "\"d\"",
                          "50%", "#1", "a&b", "wow!", "a?", "!x", "a;b", ";", ":", ",", "(", ")", "-", "'", "3.5" };
  const char *fonts[] = { "DejaVu Sans 9", "DejaVu Sans Bold 12", "DejaVu Sans Bold 14.5" };
  const double widths[] = { 20, 60, 120, 166, 250, 400, 483.276, -1 };
  cairo_surface_t *surface = cairo_pdf_surface_create (NULL, 595, 842);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  guint fast = 0, n = 0;

  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  for (guint k = 0; k < G_N_ELEMENTS (fonts) * G_N_ELEMENTS (widths); k++)
    {
      int width = widths[k % G_N_ELEMENTS (widths)] < 0 ? -1 : (int) (widths[k % G_N_ELEMENTS (widths)] * PANGO_SCALE);
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string (fonts[k / G_N_ELEMENTS (widths)]);
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      g_autoptr(ChartaExportFont) shaping = charta_export_font_new (context, font);

      pango_attr_list_insert (attrs, pango_attr_font_desc_new (font));

      for (guint i = 0; i < 400; i++)
        {
          g_autofree char *text = g_strdup_printf ("%s %s on %s %s", verbs[i % G_N_ELEMENTS (verbs)],
                                                   objects[i / 7 % G_N_ELEMENTS (objects)],
                                                   topics[i / 3 % G_N_ELEMENTS (topics)],
                                                   places[i / 11 % G_N_ELEMENTS (places)]);
          compare_with_layout (shaping, context, attrs, text, width, &fast, &n);
        }
      for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
        compare_with_layout (shaping, context, attrs, odd[i], width, &fast, &n);
      /* Punctuation side by side, for the rules of charta-export-text.c's ASCII breaks. */
      for (guint i = 0; i < G_N_ELEMENTS (tokens) * G_N_ELEMENTS (tokens) && width > 0 && width < 200 * PANGO_SCALE; i++)
        {
          const char *a = tokens[i / G_N_ELEMENTS (tokens)], *b = tokens[i % G_N_ELEMENTS (tokens)];
          g_autofree char *joined = g_strdup_printf ("%s%s %s %s%s", a, b, b, a, a);
          g_autofree char *spaced = g_strdup_printf ("%s %s  %s%s %s", a, b, a, b, b);

          compare_with_layout (shaping, context, attrs, joined, width, &fast, &n);
          compare_with_layout (shaping, context, attrs, spaced, width, &fast, &n);
        }
    }
  /* The fast way must be the common one, or this compares layouts with themselves. */
  g_test_message ("%u of %u texts took the fast way", fast, n);
  g_assert_cmpuint (fast, >=, n * 7 / 10);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The line breaks charta-export-text.c finds itself in plain ASCII are Pango's: every text
 * of up to four characters of letters, digits, spaces and ASCII punctuation it takes. */
static void
test_text_ascii_breaks (void)
{
  static const char alphabet[] = "aA1 ,.;:!?'\"%&#-()/";
  const int n = sizeof alphabet - 1;
  guint taken = 0;

  for (int length = 1; length <= 4; length++)
    {
      int total = 1;

      for (int k = 0; k < length; k++)
        total *= n;
      for (int x = 0; x < total; x++)
        {
          char text[8];
          PangoLogAttr got[8], want[8];

          for (int k = 0, y = x; k < length; k++, y /= n)
            text[k] = alphabet[y % n];
          text[length] = '\0';
          if (!_charta_export_text_ascii_log_attrs (text, length, got))
            continue;
          taken++;
          pango_get_log_attrs (text, length, -1, pango_language_from_string ("en"), want, length + 1);
          for (int i = 1; i <= length; i++)
            {
              if (got[i].is_line_break != want[i].is_line_break || got[i - 1].is_white != want[i - 1].is_white)
                g_error ("“%s” at %d: a break %d, Pango's %d; white %d, Pango's %d", text, i, got[i].is_line_break,
                         want[i].is_line_break, got[i - 1].is_white, want[i - 1].is_white);
              g_assert_false (want[i].is_line_break && (want[i].break_inserts_hyphen || want[i].break_removes_preceding));
            }
        }
    }
  g_test_message ("%u texts compared", taken);
  g_assert_cmpuint (taken, >, 10000);
}

static void
test_pdf_pages (void)
{
  g_autoptr(ChartaExportDocument) doc = example_document (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = charta_export_pdf (doc, CHARTA_EXPORT_PAPER_A4, NULL, NULL, NULL, &error);
  gsize size;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (pdf, &size);
  g_assert_true (size > 1000 && memcmp (data, "%PDF-", 5) == 0);
}

/* What @program (pdffonts, pdftotext) prints for @path, or NULL where it fails. */
static char *
run_tool (const char *program, const char *path)
{
  const char *argv[] = { program, path, g_str_equal (program, "pdftotext") ? "-" : NULL, NULL };
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    g_clear_pointer (&out, g_free);
  return out;
}

/* The PDF writer embeds each font Pango shaped with, TrueType (DejaVu) and CFF-flavoured
 * OpenType (Cantarell, where installed) alike, as a subset that poppler reads back into
 * the same text. */
static void
test_pdf_writer_fonts (void)
{
  const char *fonts[] = { "DejaVu Sans 12", "DejaVu Sans Bold 9", "Cantarell 14" };
  const char *text = "Wave fi fl Ävä (1) \\ 2*3 — Ελληνικά";
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(ChartaExportPdfWriter) writer = charta_export_pdf_writer_new (595, 842);
  ChartaExportCanvas *canvas = charta_export_pdf_writer_get_canvas (writer);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *shown = NULL;
  g_auto(GStrv) rows = NULL;
  g_autofree char *pdffonts = g_find_program_in_path ("pdffonts");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  gboolean cff = FALSE;
  int fd;

  if (pdffonts == NULL || pdftotext == NULL)
    {
      g_test_skip ("no pdffonts or pdftotext (poppler-utils)");
      g_object_unref (context);
      return;
    }
  pango_cairo_context_set_resolution (context, 72);
  canvas_tag_begin (canvas, "Document", "");
  for (guint i = 0; i < G_N_ELEMENTS (fonts); i++)
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);
      g_autoptr(PangoFontDescription) description = pango_font_description_from_string (fonts[i]);
      g_autoptr(PangoFont) font = pango_context_load_font (context, description);
      g_autoptr(PangoFontDescription) loaded = pango_font_describe (font);

      cff = cff || g_str_equal (pango_font_description_get_family (loaded), "Cantarell");
      pango_layout_set_font_description (layout, description);
      pango_layout_set_text (layout, text, -1);
      canvas_tag_begin (canvas, "P", "");
      canvas_show_layout (canvas, layout, 50, 50 + 40 * i);
      canvas_tag_end (canvas, "P");
    }
  canvas_tag_end (canvas, "Document");
  pdf = charta_export_pdf_writer_finish (writer);
  fd = g_file_open_tmp ("charta-writer-XXXXXX.pdf", &path, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  listed = run_tool ("pdffonts", path);
  shown = run_tool ("pdftotext", path);
  g_assert_nonnull (listed);
  g_assert_nonnull (shown);
  rows = g_strsplit (listed, "\n", -1);
  g_assert_cmpuint (g_strv_length (rows), >=, 4);   /* two header lines, a font a line */
  for (guint i = 2; rows[i] != NULL && rows[i][0] != '\0'; i++)
    g_assert_nonnull (strstr (rows[i], "yes yes yes"));
  g_assert_nonnull (strstr (listed, "DejaVuSans-Bold"));
  if (cff)
    g_assert_nonnull (strstr (listed, "CID Type 0C (OT)"));
  for (guint i = 0; i < G_N_ELEMENTS (fonts); i++)
    {
      const char *at = strstr (shown, text);

      g_assert_nonnull (at);
      shown = memmove (shown, at + strlen (text), strlen (at + strlen (text)) + 1);
    }
  g_unlink (path);
  g_object_unref (context);
}

/* A table longer than a page goes on over pages; every page holds at least one row. */
static void
test_layout_long_table (void)
{
  g_autoptr(ChartaProject) project = charta_project_new ("Gent");
  g_autoptr(ChartaExportDocument) doc = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  g_autoptr(ChartaExportLayout) few = NULL;
  g_autoptr(ChartaExportLayout) many = NULL;
  ChartaExportOptions options = { .today = "2024-06-01" };

  pango_cairo_context_set_resolution (context, 72);

  doc = charta_export_document_new (project, charta_catalogue_get_default (), &options);
  few = charta_export_layout_new (doc, context, 595, 842);
  charta_export_document_free (g_steal_pointer (&doc));
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *title = g_strdup_printf ("Action %u", i);
      g_ptr_array_add (project->actions, charta_action_new (title));
    }
  doc = charta_export_document_new (project, charta_catalogue_get_default (), &options);
  many = charta_export_layout_new (doc, context, 595, 842);
  g_assert_cmpuint (charta_export_layout_get_n_pages (many), >, charta_export_layout_get_n_pages (few) + 5);
  g_assert_cmpuint (charta_export_layout_get_n_pages (many), <, charta_export_layout_get_n_pages (few) + 40);
  for (guint p = 0; p < charta_export_layout_get_n_pages (many); p++)
    charta_export_layout_draw_page (many, cr, p);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static GBytes *
page_pixels (ChartaExportLayout *layout, guint page)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
  cairo_t *cr = cairo_create (surface);
  GBytes *pixels;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 0.5, 0.5);
  charta_export_layout_draw_page (layout, cr, page);
  cairo_surface_flush (surface);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return pixels;
}

/* Pagination keeps rows and paragraphs laid out for drawing, and drawing lets them go: a
 * page drawn again, or out of order (a print preview), looks the same as the first time. */
static void
test_layout_draw_again (void)
{
  g_autoptr(ChartaProject) project = load_example ();
  ChartaExportOptions options = { .today = "2018-12-31", .language = "en", .internal = TRUE };
  g_autoptr(ChartaExportDocument) doc = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  g_autoptr(ChartaExportLayout) layout = NULL;
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint n;

  pango_cairo_context_set_resolution (context, 72);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *title = g_strdup_printf ("Action %u with a title long enough to wrap over two lines "
                                                "of the table's first column", i);
      g_ptr_array_add (project->actions, charta_action_new (title));
    }
  doc = charta_export_document_new (project, charta_catalogue_get_default (), &options);
  layout = charta_export_layout_new (doc, context, 595, 842);
  n = charta_export_layout_get_n_pages (layout);
  for (guint p = 0; p < n; p++)
    g_ptr_array_add (first, page_pixels (layout, p));
  for (guint p = n; p-- > 0;)
    {
      g_autoptr(GBytes) again = page_pixels (layout, p);
      g_assert_true (g_bytes_equal (again, g_ptr_array_index (first, p)));
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

typedef struct {
  GCancellable *cancellable;
  double last;
  guint calls;
} Progress;

static void
cancel_halfway_cb (double fraction, gpointer user_data)
{
  Progress *p = user_data;

  g_assert_cmpfloat (fraction, >=, p->last);
  g_assert_cmpfloat (fraction, <=, 1);
  p->last = fraction;
  p->calls++;
  if (fraction >= 0.5)
    g_cancellable_cancel (p->cancellable);
}

static ChartaExportDocument *
many_actions_document (guint n)
{
  g_autoptr(ChartaProject) project = charta_project_new ("Gent");
  ChartaExportOptions options = { .today = "2024-06-01" };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Action %u", i);
      g_ptr_array_add (project->actions, charta_action_new (title));
    }
  return charta_export_document_new (project, charta_catalogue_get_default (), &options);
}

/* The window shows progress and can stop a long export: nothing comes back but the error. */
static void
test_cancel (void)
{
  g_autoptr(ChartaExportDocument) doc = many_actions_document (3000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress p = { cancellable, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = charta_export_pdf (doc, CHARTA_EXPORT_PAPER_A4, cancel_halfway_cb, &p, cancellable, &error);
  g_autoptr(GBytes) xlsx = NULL;

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (pdf);
  g_assert_cmpuint (p.calls, >, 2);
  g_assert_cmpfloat (p.last, <, 0.6);

  g_clear_error (&error);
  g_cancellable_reset (cancellable);
  p = (Progress) { cancellable, 0, 0 };
  xlsx = charta_export_xlsx (doc, cancel_halfway_cb, &p, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (xlsx);
  g_assert_cmpuint (p.calls, >=, 1);
}

static void
test_nice_scale (void)
{
  ChartaExportScale scale;

  charta_export_nice_scale (0, 3, 5, &scale);
  g_assert_cmpfloat (scale.min, ==, 0);
  g_assert_cmpfloat (scale.max, >=, 3);
  g_assert_cmpfloat (scale.step, ==, 1);
  charta_export_nice_scale (-12, 480, 5, &scale);
  g_assert_cmpfloat (scale.step, ==, 100);
  g_assert_cmpfloat (scale.min, ==, -100);
  g_assert_cmpfloat (scale.max, ==, 500);
  g_assert_cmpfloat (charta_export_date_to_days ("2018-13-01"), <, 0);
  g_assert_cmpstr (charta_export_days_to_date (charta_export_date_to_days ("2024-02-29")), ==, "2024-02-29");
}

/* Comments are the mentor's and mentee's conversation: never in an export, internal or
 * public (issue 14). */
static void
test_comments_never_exported (void)
{
  g_autoptr(ChartaProject) project = load_example ();
  const ChartaAction *action = g_ptr_array_index (project->actions, 0);
  const char *secret = "Mentor: COMMENT-NEVER-EXPORTED";

  if (project->comments == NULL)
    project->comments = g_ptr_array_new ();
  g_ptr_array_add (project->comments, charta_comment_new (action->id, "Mentor", secret));
  for (int internal = 0; internal < 2; internal++)
    {
      ChartaExportOptions options = { internal, "2019-01-15", "en" };
      ChartaExportDocument *doc = charta_export_document_new (project, charta_catalogue_get_default (), &options);
      g_autoptr(GBytes) html = charta_export_html (doc);
      gsize len;
      const char *data = g_bytes_get_data (html, &len);
      g_autofree char *text = g_strndup (data, len);

      g_assert_cmpuint (len, >, 0);
      g_assert_null (strstr (text, "COMMENT-NEVER-EXPORTED"));
      charta_export_document_free (doc);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export/document/public-leaves-out-internal", test_public_leaves_out_internal);
  g_test_add_func ("/export/document/internal-keeps-everything", test_internal_keeps_everything);
  g_test_add_func ("/export/document/sections", test_sections);
  g_test_add_func ("/export/document/changes-since-round", test_changes_since_round);
  g_test_add_func ("/export/csv/rfc4180", test_csv_rfc4180);
  g_test_add_func ("/export/csv/formula-guard", test_csv_formula_guard);
  g_test_add_func ("/export/csv/measures-one-row-per-actual", test_csv_measures_one_row_per_actual);
  g_test_add_func ("/export/html/escapes", test_html_escapes);
  g_test_add_func ("/export/ics/stable-uids", test_ics_stable_uids);
  g_test_add_func ("/export/text/breaks-as-layout", test_text_breaks_as_layout);
  g_test_add_func ("/export/text/ascii-breaks", test_text_ascii_breaks);
  g_test_add_func ("/export/pdf/pages", test_pdf_pages);
  g_test_add_func ("/export/pdf/writer-fonts", test_pdf_writer_fonts);
  g_test_add_func ("/export/pdf/long-table", test_layout_long_table);
  g_test_add_func ("/export/pdf/draw-again", test_layout_draw_again);
  g_test_add_func ("/export/cancel", test_cancel);
  g_test_add_func ("/export/chart/nice-scale", test_nice_scale);
  g_test_add_func ("/export/comments-never-exported", test_comments_never_exported);
  return g_test_run ();
}
