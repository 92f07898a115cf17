/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The printed report. The document becomes a list of flows (headings, paragraphs, charts,
 * tables); pagination walks them once without drawing and notes where each page starts;
 * drawing a page walks the same code from that point with a canvas (`cr`: the PDF
 * writer's, or one forwarding to a print operation's cairo context; NULL while
 * paginating). So the PDF, a print preview and the contents' page numbers always agree. */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <string.h>

#include "charta-format.h"
#include "charta-export.h"
#include "charta-export-chart.h"
#include "charta-export-canvas.h"
#include "charta-export-pdf-writer.h"
#include "charta-export-text.h"

#define FONT "DejaVu Sans"
#define MARGIN 56.0
#define HEAD_GAP 24.0
#define CELL_PAD 4.0
#define MAX_COLUMNS 5
#define KEEP_WITH_NEXT 48.0

typedef enum {
  FLOW_COVER,
  FLOW_CONTENTS,
  FLOW_BREAK,
  FLOW_NEED,                 /* a new page unless `height` points are left */
  FLOW_HEADING,
  FLOW_TEXT,
  FLOW_BARS,
  FLOW_MEASURE,
  FLOW_TABLE,
} FlowKind;

typedef enum {
  STYLE_BODY,
  STYLE_SMALL,
  STYLE_STRONG,
  STYLE_INTERNAL,
  STYLE_BULLET,
} TextStyle;

typedef enum {
  TABLE_ACTIONS,
  TABLE_CONSULTATIONS,
  TABLE_CHANGES,
} TableKind;

/* A table row as pagination measured it, kept for drawing so that no cell is shaped
 * twice; drawing lets it go (a print preview that draws a page again measures again). */
typedef struct {
  ChartaExportText *cells[MAX_COLUMNS]; /* owned; NULL once drawn */
  double height;
  gboolean highlight;
} KeptRow;

typedef struct {
  FlowKind kind;
  int level;                 /* headings: 1 to 3 */
  TextStyle style;           /* texts */
  char *text;                /* headings: plain text; texts: plain text or Pango markup */
  gboolean markup;           /* texts: whether `text` is markup */
  char *dest;                /* headings: the link target's name */
  int parent;                /* headings: the flow of the heading above, or -1 */
  guint page;                /* headings: set by pagination */
  GPtrArray *bars;           /* borrowed from the document */
  const ChartaExportMeasure *measure;
  TableKind table;
  const ChartaExportChangeGroup *group; /* TABLE_CHANGES */
  KeptRow *kept;             /* tables: a row per row of the table, from pagination */
  ChartaExportText *shaped;  /* texts: laid out by pagination, kept for drawing */
  guint n_kept;
  double height;             /* FLOW_NEED */
} Flow;

typedef struct {
  guint flow;
  guint sub;                 /* the line of a paragraph or the row of a table to go on with */
} Position;

typedef struct {
  guint n_columns;
  const char *headers[MAX_COLUMNS];
  double widths[MAX_COLUMNS];  /* shares of the text width */
  guint n_rows;
  TableKind kind;
} TableSpec;

struct _ChartaExportLayout {
  const ChartaExportDocument *doc;
  PangoContext *context;
  double width, height;
  double left, right, top, bottom;
  GArray *flows;             /* of Flow */
  GArray *pages;             /* of Position: where each page starts */
  GArray *page_heads;        /* of int: each page's section heading flow, or -1 */
  int section;               /* while paginating: the current section's flow */
  GHashTable *cell_cache[3][MAX_COLUMNS]; /* per table kind and column: text → ChartaExportText */
  GHashTable *dates;                /* YYYY-MM-DD → the date as shown */
  PangoFontDescription *cell_font;  /* parsed once: a table has many cells */
  ChartaExportFont *cell_text_font; /* the cell font, for charta_export_text_new() */
  ChartaExportFont *text_fonts[STYLE_BULLET + 1]; /* per paragraph style, made when first used */
  ChartaExportText *bullet;         /* a list item's bullet, shaped once */
  ChartaExportFont *heading_fonts[3], *foot_font;
  PangoLayout *head_left, *head_right, *mark;  /* the page furniture's */
};

/* ---- paper ---- */

ChartaExportPaper
charta_export_paper_from_locale (void)
{
  /* glibc's LC_PAPER gives the paper height in millimetres: 279 for Letter, 297 for A4. */
#ifdef __GLIBC__
  /* The item is a number, handed back in the pointer's place. */
  union { const char *string; unsigned int word; } height = { .string = nl_langinfo (_NL_PAPER_HEIGHT) };

  if (height.word == 279)
    return CHARTA_EXPORT_PAPER_LETTER;
#endif
  return CHARTA_EXPORT_PAPER_A4;
}

void
charta_export_paper_get_size (ChartaExportPaper paper, double *width, double *height)
{
  *width = paper == CHARTA_EXPORT_PAPER_LETTER ? 612 : 595.276;
  *height = paper == CHARTA_EXPORT_PAPER_LETTER ? 792 : 841.89;
}

/* ---- building the flows ---- */

static Flow *
add_flow (ChartaExportLayout *self, FlowKind kind)
{
  Flow flow = { .kind = kind, .parent = -1 };

  g_array_append_val (self->flows, flow);
  return &g_array_index (self->flows, Flow, self->flows->len - 1);
}

static int
add_heading (ChartaExportLayout *self, int level, const char *text, const char *dest, int parent)
{
  Flow *f = add_flow (self, FLOW_HEADING);

  f->level = level;
  f->text = g_strdup (text);
  f->dest = dest ? g_strdup (dest) : g_strdup_printf ("h%u", self->flows->len - 1);
  f->parent = parent;
  return self->flows->len - 1;
}

/* Takes @text, Pango markup when @markup. A list item starts with its bullet, hanging
 * in the margin. */
static void
add_paragraph (ChartaExportLayout *self, TextStyle style, char *text, gboolean markup)
{
  Flow *f = add_flow (self, FLOW_TEXT);

  f->style = style;
  f->markup = markup;
  f->text = style == STYLE_BULLET ? g_strconcat ("•\t", text, NULL) : g_strdup (text);
  g_free (text);
}

/* Takes @markup. */
static void
add_markup (ChartaExportLayout *self, TextStyle style, char *markup)
{
  add_paragraph (self, style, markup, TRUE);
}

/* Plain text is laid out without a PangoLayout where it can be (charta-export-text.c). */
static void
add_text (ChartaExportLayout *self, TextStyle style, const char *plain)
{
  if (plain != NULL)
    add_paragraph (self, style, g_strdup (plain), FALSE);
}

static void
take_text (ChartaExportLayout *self, TextStyle style, char *plain)
{
  add_text (self, style, plain);
  g_free (plain);
}

static void
add_list (ChartaExportLayout *self, const char *heading, GPtrArray *texts)
{
  if (texts == NULL || texts->len == 0)
    return;
  add_markup (self, STYLE_STRONG, g_markup_escape_text (heading, -1));
  for (guint i = 0; i < texts->len; i++)
    add_text (self, STYLE_BULLET, g_ptr_array_index (texts, i));
}

static const char *format_date (ChartaExportLayout *self, const char *iso);

/* Keeps a heading with what follows it when that must not be split (a chart). */
static void
add_need (ChartaExportLayout *self, double height)
{
  add_flow (self, FLOW_NEED)->height = height;
}

static double bars_height (ChartaExportLayout *self, GPtrArray *bars);

static void
build_summary (ChartaExportLayout *self, int section)
{
  const ChartaExportDocument *doc = self->doc;

  add_heading (self, 2, _("Progress per Charter role"), NULL, section);
  add_flow (self, FLOW_BARS)->bars = doc->roles;
  add_text (self, STYLE_SMALL, _("A role's level is the mean level reached by its Charter commitments and by the "
                                 "DIVE indicators and areas that serve it, each as a share of its scale."));
  if (doc->areas->len == 0)
    return;
  add_need (self, bars_height (self, doc->areas) + 50);
  add_heading (self, 2, _("Progress per DIVE area"), NULL, section);
  add_flow (self, FLOW_BARS)->bars = doc->areas;
}

static void
build_assessment (ChartaExportLayout *self, const ChartaExportAssessment *a, int parent)
{
  g_autofree char *level = charta_export_describe_level (a);

  add_heading (self, 3, a->title, NULL, parent);
  add_text (self, STYLE_SMALL, a->group);
  add_text (self, STYLE_STRONG, level);
  add_text (self, STYLE_BODY, a->level_description);
  if (a->evidence && a->evidence_internal)
    add_markup (self, STYLE_INTERNAL, g_markup_printf_escaped ("<b>%s</b> %s", _("Internal evidence:"), a->evidence));
  else
    add_text (self, STYLE_BODY, a->evidence);
  add_text (self, STYLE_BODY, a->answer);
  add_list (self, _("Sources"), a->sources);
  add_list (self, _("Key problems"), a->key_problems);
  add_list (self, _("Recommendations adopted"), a->recommendations);
}

static void
build_assessments (ChartaExportLayout *self, int section)
{
  for (guint f = 0; f < self->doc->assessed->len; f++)
    {
      const ChartaExportFramework *fw = g_ptr_array_index (self->doc->assessed, f);
      int heading = add_heading (self, 2, fw->title, NULL, section);

      if (fw->assessments->len == 0)
        add_text (self, STYLE_BODY, _("Nothing assessed yet."));
      for (guint i = 0; i < fw->assessments->len; i++)
        build_assessment (self, g_ptr_array_index (fw->assessments, i), heading);
    }
}

static void
build_actions (ChartaExportLayout *self, int section)
{
  g_autofree char *today = charta_format_date (self->doc->today);
  int heading = -1;

  if (self->doc->actions->len == 0)
    {
      add_text (self, STYLE_BODY, _("No actions planned yet."));
      return;
    }
  /* Translators: %s is the date of the report */
  add_markup (self, STYLE_SMALL, g_markup_printf_escaped (_("Actions marked “Overdue” are open and were due before %s."), today));
  add_flow (self, FLOW_TABLE)->table = TABLE_ACTIONS;
  /* Notes can be long: as paragraphs after the table they go on over pages; in a table
   * row they could make it taller than a page. */
  for (guint i = 0; i < self->doc->actions->len; i++)
    {
      const ChartaExportAction *a = g_ptr_array_index (self->doc->actions, i);

      if (a->notes == NULL)
        continue;
      if (heading < 0)
        heading = add_heading (self, 2, _("Notes on actions"), NULL, section);
      add_text (self, STYLE_STRONG, a->title);
      add_text (self, STYLE_INTERNAL, a->notes);
    }
}

#define MEASURE_CHART_HEIGHT 190.0

static char *
describe_value (ChartaExportLayout *self, const char *what, const ChartaExportValue *v, const char *unit)
{
  const char *date = format_date (self, v->date);
  g_autofree char *value = charta_export_format_value (v->value);

  /* Translators: a line under a measure's chart: "Baseline, 2018-01-01: 0 meetings — a note" */
  return g_strdup_printf (_("%s, %s: %s %s%s%s"), what, date, value, unit ? unit : "",
                          v->note ? " — " : "", v->note ? v->note : "");
}

static void
build_measures (ChartaExportLayout *self, int section)
{
  if (self->doc->measures->len == 0)
    add_text (self, STYLE_BODY, _("No measures recorded yet."));
  for (guint i = 0; i < self->doc->measures->len; i++)
    {
      const ChartaExportMeasure *m = g_ptr_array_index (self->doc->measures, i);

      add_need (self, MEASURE_CHART_HEIGHT + 110);
      add_heading (self, 2, m->title, NULL, section);
      add_text (self, STYLE_BODY, m->description);
      add_text (self, STYLE_SMALL, charta_export_direction_label (m->direction));
      add_flow (self, FLOW_MEASURE)->measure = m;
      if (m->baseline)
        take_text (self, STYLE_BULLET, describe_value (self, C_("measure", "Baseline"), m->baseline, m->unit));
      for (guint k = 0; k < m->actuals->len; k++)
        take_text (self, STYLE_BULLET, describe_value (self, C_("measure", "Measured"), g_ptr_array_index (m->actuals, k), m->unit));
      if (m->target)
        take_text (self, STYLE_BULLET, describe_value (self, C_("measure", "Target"), m->target, m->unit));
    }
}

static void
build_consultations (ChartaExportLayout *self, int section)
{
  int heading = -1;

  if (self->doc->consultations->len == 0)
    {
      add_text (self, STYLE_BODY, _("No consultations recorded yet."));
      return;
    }
  add_flow (self, FLOW_TABLE)->table = TABLE_CONSULTATIONS;
  /* What was concluded (internal) follows the table, for the reason the notes do. */
  for (guint i = 0; i < self->doc->consultations->len; i++)
    {
      const ChartaExportConsultation *c = g_ptr_array_index (self->doc->consultations, i);

      if (c->conclusions == NULL && c->notes == NULL)
        continue;
      if (heading < 0)
        heading = add_heading (self, 2, _("Conclusions"), NULL, section);
      take_text (self, STYLE_STRONG, g_strdup_printf ("%s — %s", format_date (self, c->date), c->title));
      add_text (self, STYLE_INTERNAL, c->conclusions);
      add_text (self, STYLE_INTERNAL, c->notes);
    }
}

static void
build_changes (ChartaExportLayout *self, int section)
{
  const ChartaExportDocument *doc = self->doc;
  g_autofree char *round = charta_export_describe_round (doc);
  g_autofree char *today = charta_format_date (doc->today);

  /* Translators: "Changes since round 2 “2024”, closed on 31/12/2024", then the report's date */
  take_text (self, STYLE_BODY, g_strdup_printf (_("%s, as of %s."), round, today));
  if (doc->changes->len == 0)
    {
      add_text (self, STYLE_BODY, _("Nothing changed since that round."));
      return;
    }
  for (guint k = 0; k < CHARTA_N_CHANGE_KINDS; k++)
    {
      guint n = 0;

      for (guint i = 0; i < doc->changes->len; i++)
        n += ((ChartaExportChange *) g_ptr_array_index (doc->changes, i))->kind == k;
      if (n > 0)
        /* Translators: a count of one kind of change, e.g. "Levels up: 2" */
        take_text (self, STYLE_BULLET, g_strdup_printf (_("%s: %u"), charta_change_kind_get_label (k), n));
    }
  for (guint i = 0; i < doc->change_groups->len; i++)
    {
      const ChartaExportChangeGroup *g = g_ptr_array_index (doc->change_groups, i);
      Flow *f;

      /* The heading, the table's header and a row or two stay together. */
      add_need (self, 110);
      add_heading (self, 2, g->title, NULL, section);
      f = add_flow (self, FLOW_TABLE);
      f->table = TABLE_CHANGES;
      f->group = g;
    }
}

/* ---- a peer review's feedback report ---- */

static void
build_review (ChartaExportLayout *self, int section)
{
  const ChartaExportReview *r = self->doc->review;

  add_text (self, STYLE_STRONG, r->title);
  add_text (self, STYLE_SMALL, r->kind);
  if (r->stage != NULL)
    /* Translators: a review's stage: its title, then its place, e.g. "Four-day visit (3 of 5)" */
    take_text (self, STYLE_BODY, g_strdup_printf (_("Stage: %s (%u of %u)"), r->stage, r->stage_number, r->n_stages));
  else
    add_text (self, STYLE_BODY, _("Stage: not set"));
  add_heading (self, 2, _("The review team"), NULL, section);
  if (r->team->len == 0)
    add_text (self, STYLE_BODY, _("No team members recorded yet."));
  for (guint i = 0; i < r->team->len; i++)
    {
      const ChartaExportReviewer *m = g_ptr_array_index (r->team, i);
      g_autoptr(GString) line = g_string_new (NULL);

      if (m->name)
        g_string_append_printf (line, "%s — ", m->name);
      g_string_append (line, m->role);
      if (m->city)
        g_string_append_printf (line, ", %s", m->city);
      add_text (self, STYLE_BULLET, line->str);
    }
  add_heading (self, 2, _("Under review"), NULL, section);
  for (guint i = 0; i < r->items->len; i++)
    add_text (self, STYLE_BULLET, g_ptr_array_index (r->items, i));
  /* Translators: the visit's sessions and how many of the items under review they cover */
  take_text (self, STYLE_BODY, g_strdup_printf (_("The visit's %u sessions cover %u of the %u items under review."),
                                                r->n_sessions, r->items->len - r->gaps->len, r->items->len));
  add_list (self, _("Not covered by any session"), r->gaps);
}

static char *
describe_review_level (int level, guint n_levels)
{
  if (level == CHARTA_UNSET)
    return g_strdup (_("not assessed"));
  /* Translators: a level on a scale, e.g. "2 of 4" */
  return g_strdup_printf (_("%d of %u"), level, n_levels);
}

static void
add_feedback_text (ChartaExportLayout *self, const char *heading, const char *text)
{
  if (text == NULL)
    return;
  add_text (self, STYLE_STRONG, heading);
  add_text (self, STYLE_BODY, text);
}

static void
build_feedback (ChartaExportLayout *self, int section)
{
  const ChartaExportReview *r = self->doc->review;

  if (r->feedback->len == 0)
    add_text (self, STYLE_BODY, _("No area under review yet."));
  for (guint i = 0; i < r->feedback->len; i++)
    {
      const ChartaExportFeedback *f = g_ptr_array_index (r->feedback, i);
      g_autofree char *city = describe_review_level (f->city_level, f->n_levels);
      g_autofree char *team = describe_review_level (f->team_level, f->n_levels);

      add_heading (self, 2, f->title, NULL, section);
      /* Translators: the city's own level of an area and the review team's */
      take_text (self, STYLE_SMALL, g_strdup_printf (_("Level: the city's own %s; the review team's %s"), city, team));
      add_feedback_text (self, _("Situation"), f->situation);
      add_feedback_text (self, _("Findings"), f->findings);
      add_feedback_text (self, _("Key problems"), f->key_problems);
      add_feedback_text (self, _("Recommendations"), f->recommendations);
      add_feedback_text (self, _("Good practices"), f->good_practices);
    }
}

static void
build_flows (ChartaExportLayout *self)
{
  add_flow (self, FLOW_COVER);
  add_heading (self, 1, _("Contents"), "contents", -1);
  add_flow (self, FLOW_CONTENTS);
  for (guint i = 0; i < self->doc->sections->len; i++)
    {
      const ChartaExportSection *s = g_ptr_array_index (self->doc->sections, i);
      int section;

      add_flow (self, FLOW_BREAK);
      section = add_heading (self, 1, s->title, s->anchor, -1);
      switch (s->kind)
        {
        case CHARTA_EXPORT_SECTION_SUMMARY: build_summary (self, section); break;
        case CHARTA_EXPORT_SECTION_ASSESSMENT: build_assessments (self, section); break;
        case CHARTA_EXPORT_SECTION_ACTIONS: build_actions (self, section); break;
        case CHARTA_EXPORT_SECTION_MEASURES: build_measures (self, section); break;
        case CHARTA_EXPORT_SECTION_CONSULTATIONS: build_consultations (self, section); break;
        case CHARTA_EXPORT_SECTION_CHANGES: build_changes (self, section); break;
        case CHARTA_EXPORT_SECTION_REVIEW: build_review (self, section); break;
        case CHARTA_EXPORT_SECTION_FEEDBACK: build_feedback (self, section); break;
        default: g_assert_not_reached ();
        }
    }
}

static void
clear_flow (gpointer data)
{
  Flow *f = data;

  g_free (f->text);
  g_free (f->dest);
  for (guint r = 0; f->kept != NULL && r < f->n_kept; r++)
    for (guint c = 0; c < MAX_COLUMNS; c++)
      g_clear_pointer (&f->kept[r].cells[c], charta_export_text_unref);
  g_free (f->kept);
  g_clear_pointer (&f->shaped, charta_export_text_unref);
}

/* ---- text ---- */

/* The font @description names, made once into *@slot, for charta_export_text_new(). */
static ChartaExportFont *
get_font (ChartaExportLayout *self, ChartaExportFont **slot, const char *description)
{
  if (*slot == NULL)
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string (description);

      *slot = charta_export_font_new (self->context, font);
    }
  return *slot;
}

static PangoLayout *
new_layout (ChartaExportLayout *self, const char *font, double width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
show_layout (ChartaExportCanvas *cr, PangoLayout *layout, double x, double y)
{
  if (cr != NULL)
    canvas_show_layout (cr, layout, x, y);
}

/* The runs of line @i of a text without a layout, from @x on the baseline @baseline. */
static void
show_runs (ChartaExportCanvas *cr, ChartaExportText *shown, guint i, double x, double baseline)
{
  const char *text;
  int run_x = 0;

  for (GSList *l = charta_export_text_get_runs (shown, i, &text); l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;

      canvas_show_glyph_item (cr, text, run, x + (double) run_x / PANGO_SCALE, baseline);
      run_x += pango_glyph_string_get_width (run->glyphs);
    }
}

/* A text from its top left: a layout's, or its runs line by line at their baselines. */
static void
show_text (ChartaExportCanvas *cr, ChartaExportText *shown, double x, double y)
{
  PangoLayout *layout = charta_export_text_get_layout (shown);

  if (cr == NULL || layout != NULL)
    {
      show_layout (cr, layout, x, y);
      return;
    }
  for (guint i = 0; i < charta_export_text_get_n_lines (shown); i++)
    {
      PangoRectangle logical;
      int baseline;

      charta_export_text_get_line (shown, i, &logical, &baseline, NULL);
      show_runs (cr, shown, i, x + (double) logical.x / PANGO_SCALE, y + (double) baseline / PANGO_SCALE);
    }
}

static void
set_grey (ChartaExportCanvas *cr, double grey)
{
  canvas_set_rgb (cr, grey, grey, grey);
}

static const char *
heading_font (int level)
{
  return level == 1 ? FONT " Bold 20" : level == 2 ? FONT " Bold 14.5" : FONT " Bold 12";
}

static const char *
text_font (TextStyle style)
{
  switch (style)
    {
    case STYLE_SMALL: return FONT " 8.5";
    case STYLE_STRONG: return FONT " Bold 10";
    case STYLE_BODY:
    case STYLE_INTERNAL:
    case STYLE_BULLET:
    default: return FONT " 10";
    }
}

static double
text_indent (TextStyle style)
{
  return style == STYLE_BULLET ? 8 : style == STYLE_INTERNAL ? 10 : 0;
}

/* The PDF's structure (tagged PDF: headings, paragraphs, tables with header cells), for
 * screen readers and reflow. Every element closes on the page it opened on: a paragraph
 * or a table that goes on over a page is one element per page, and the running heads
 * stay outside all of them. Other surfaces ignore tags. */
static void
tag_begin (ChartaExportCanvas *cr, const char *name)
{
  if (cr != NULL)
    canvas_tag_begin (cr, name, "");
}

static void
tag_end (ChartaExportCanvas *cr, const char *name)
{
  if (cr != NULL)
    canvas_tag_end (cr, name);
}

/* ---- page furniture ---- */

/* The furniture's layouts are made once: every page has the same heads in the same font. */
static void
draw_furniture (ChartaExportLayout *self, ChartaExportCanvas *cr, guint page)
{
  const ChartaExportDocument *doc = self->doc;
  int head = g_array_index (self->page_heads, int, page);
  /* Translators: the foot of every page of a report */
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  g_autoptr(ChartaExportText) foot = NULL;
  int w;

  if (self->head_left == NULL)
    {
      g_autofree char *left = g_strdup_printf ("%s — %s", doc->city, doc->kind_title);

      self->head_left = new_layout (self, FONT " 8.5", -1);
      self->head_right = new_layout (self, FONT " 8.5", -1);
      self->mark = new_layout (self, FONT " Bold 10", -1);
      pango_layout_set_text (self->head_left, left, -1);
      pango_layout_set_text (self->mark, charta_export_describe_audience (doc), -1);
    }
  set_grey (cr, 0.35);
  if (page > 0)
    {
      show_layout (cr, self->head_left, self->left, MARGIN - HEAD_GAP);
      if (head >= 0)
        {
          const char *text = g_array_index (self->flows, Flow, head).text;

          if (g_strcmp0 (pango_layout_get_text (self->head_right), text) != 0)
            pango_layout_set_text (self->head_right, text, -1);
          pango_layout_get_size (self->head_right, &w, NULL);
          show_layout (cr, self->head_right, self->right - (double) w / PANGO_SCALE, MARGIN - HEAD_GAP);
        }
      canvas_rectangle (cr, self->left, MARGIN - HEAD_GAP + 12, self->right - self->left, 0.5);
      canvas_fill (cr);
    }
  foot = charta_export_text_new (get_font (self, &self->foot_font, FONT " 8.5"), number, -1);
  w = charta_export_text_get_width (foot);
  show_text (cr, foot, (self->width - (double) w / PANGO_SCALE) / 2, self->height - MARGIN + 18);
  if (doc->internal)
    {
      /* An internal report says so on every page, in words. */
      pango_layout_get_size (self->mark, &w, NULL);
      canvas_set_rgb (cr, 0.65, 0.11, 0.18);
      show_layout (cr, self->mark, (self->width - (double) w / PANGO_SCALE) / 2, MARGIN - HEAD_GAP - 14);
      show_layout (cr, self->mark, self->left, self->height - MARGIN + 18);
    }
  canvas_set_rgb (cr, 0, 0, 0);
}

static void
draw_cover (ChartaExportLayout *self, ChartaExportCanvas *cr)
{
  const ChartaExportDocument *doc = self->doc;
  double width = self->right - self->left, y = self->top + 120;
  g_autofree char *period = charta_export_describe_period (doc);
  g_autofree char *today = charta_format_date (doc->today);
  g_autofree char *round_text = charta_export_describe_round (doc);
  g_autofree char *round = round_text ? g_markup_escape_text (round_text, -1) : NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  struct { const char *font; char *markup; } blocks[] = {
    { FONT " 16", g_markup_escape_text (doc->kind_title, -1) },
    { FONT " Bold 34", g_markup_printf_escaped ("%s%s%s", doc->city, doc->country ? ", " : "", doc->country ? doc->country : "") },
    { FONT " 14", g_markup_escape_text (doc->title ? doc->title : "", -1) },
    { FONT " 11", NULL },
  };

  g_string_append_printf (details, "<b>%s</b>\n", _("Period"));
  g_string_append_printf (details, "%s\n", period);
  if (doc->period_label)
    g_string_append_printf (details, "%s\n", doc->period_label);
  g_string_append_printf (details, "\n<b>%s</b>\n", _("Frameworks"));
  for (guint i = 0; i < doc->frameworks->len; i++)
    g_string_append_printf (details, "%s\n", (char *) g_ptr_array_index (doc->frameworks, i));
  if (round != NULL)
    g_string_append_printf (details, "\n<b>%s</b>\n%s\n", _("Reporting round"), round);
  g_string_append_printf (details, "\n<b>%s</b>\n%s\n\n<b>%s</b>", _("Date of this report"), today,
                          charta_export_describe_audience (doc));
  if (doc->internal)
    g_string_append_printf (details, "\n%s", _("This report holds internal evidence, people's names and notes. Do not publish it."));
  blocks[3].markup = g_string_free (g_steal_pointer (&details), FALSE);

  canvas_set_rgb (cr, 0.11, 0.44, 0.85);
  canvas_rectangle (cr, self->left, y - 30, 60, 6);
  canvas_fill (cr);
  canvas_set_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      g_autoptr(PangoLayout) layout = new_layout (self, blocks[i].font, width);

      pango_layout_set_markup (layout, blocks[i].markup, -1);
      tag_begin (cr, "P");
      show_layout (cr, layout, self->left, y);
      tag_end (cr, "P");
      y += layout_height (layout) + (i == 2 ? 60 : 16);
      g_free (blocks[i].markup);
    }
}

/* ---- placing flows: each returns FALSE when the page is full ---- */


static ChartaExportFont *
heading_text_font (ChartaExportLayout *self, int level)
{
  return get_font (self, &self->heading_fonts[CLAMP (level, 1, 3) - 1], heading_font (level));
}

static gboolean
place_heading (ChartaExportLayout *self, ChartaExportCanvas *cr, Flow *f, guint page, double *y, gboolean fresh)
{
  g_autoptr(ChartaExportText) shown = charta_export_text_new (heading_text_font (self, f->level), f->text,
                                                              (int) ((self->right - self->left) * PANGO_SCALE));
  double before = fresh ? 0 : f->level == 1 ? 18 : 14, h;

  h = (double) charta_export_text_get_height (shown) / PANGO_SCALE;
  if (!fresh && *y + before + h + KEEP_WITH_NEXT > self->bottom)
    return FALSE;
  *y += before;
  if (cr != NULL)
    {
      g_autofree char *attributes = g_strdup_printf ("name='%s'", f->dest);
      const char *element = f->level == 1 ? "H1" : f->level == 2 ? "H2" : "H3";

      tag_begin (cr, element);
      canvas_tag_begin (cr, CAIRO_TAG_DEST, attributes);
      if (f->level == 1)
        canvas_set_rgb (cr, 0.11, 0.44, 0.85);
      show_text (cr, shown, self->left, *y);
      canvas_set_rgb (cr, 0, 0, 0);
      canvas_tag_end (cr, CAIRO_TAG_DEST);
      tag_end (cr, element);
    }
  else
    f->page = page;
  if (f->level == 1)
    self->section = (int) (f - (Flow *) self->flows->data);
  *y += h + (f->level == 1 ? 10 : 5);
  return TRUE;
}

static ChartaExportFont *
style_font (ChartaExportLayout *self, TextStyle style)
{
  return get_font (self, &self->text_fonts[style], text_font (style));
}

#define BULLET_TAB 10.0

/* A text laid out: pagination's, kept for drawing, or a new one. Plain text is shaped
 * without a PangoLayout where it can be; a list item's is then its text after the bullet
 * and the tab, all of whose lines start at the tab (see show_text_line()). */
static ChartaExportText *
flow_text (ChartaExportLayout *self, Flow *f)
{
  double width = self->right - self->left - text_indent (f->style);
  ChartaExportFont *font = style_font (self, f->style);
  PangoLayout *layout;

  if (f->shaped != NULL)
    return charta_export_text_ref (f->shaped);
  if (!f->markup && f->style != STYLE_BULLET)
    return charta_export_text_new (font, f->text, (int) (width * PANGO_SCALE));
  if (!f->markup)
    {
      ChartaExportText *body = charta_export_text_new (font, f->text + strlen ("•\t"),
                                                       (int) ((width - BULLET_TAB) * PANGO_SCALE));

      if (charta_export_text_get_layout (body) == NULL)
        return body;
      charta_export_text_unref (body);
    }
  layout = new_layout (self, text_font (f->style), width);
  if (f->markup)
    pango_layout_set_markup (layout, f->text, -1);
  else
    pango_layout_set_text (layout, f->text, -1);
  if (f->style == STYLE_BULLET)
    {
      PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, BULLET_TAB);
      pango_layout_set_tabs (layout, tabs);
      pango_layout_set_indent (layout, -BULLET_TAB * PANGO_SCALE);
      pango_tab_array_free (tabs);
    }
  return charta_export_text_new_for_layout (layout);
}

/* Line @i of @f's text @shown with its left end at @x and its baseline at @baseline. A
 * list item without a layout has its bullet drawn here, and its lines start at the tab
 * (a layout's hanging indent puts the bullet at its left and the text at the tab). */
static void
show_text_line (ChartaExportLayout *self, ChartaExportCanvas *cr, const Flow *f, ChartaExportText *shown, guint i, double x,
                double baseline)
{
  PangoLayout *layout = charta_export_text_get_layout (shown);

  if (layout != NULL)
    {
      canvas_show_layout_line (cr, pango_layout_get_line_readonly (layout, i), x, baseline);
      return;
    }
  if (f->style == STYLE_BULLET)
    {
      if (self->bullet == NULL)
        self->bullet = charta_export_text_new (style_font (self, STYLE_BULLET), "•", -1);
      if (i == 0)
        show_runs (cr, self->bullet, 0, x, baseline);
      x += BULLET_TAB;
    }
  show_runs (cr, shown, i, x, baseline);
}

static gboolean
place_text (ChartaExportLayout *self, ChartaExportCanvas *cr, Flow *f, guint *line, double *y, gboolean fresh)
{
  double indent = text_indent (f->style);
  g_autoptr(ChartaExportText) shown = flow_text (self, f);
  guint n_lines = charta_export_text_get_n_lines (shown);
  gboolean opened = FALSE;

  if (cr == NULL && f->shaped == NULL)
    f->shaped = charta_export_text_ref (shown);
  for (guint n = *line; n < n_lines; n++)
    {
      PangoRectangle logical;
      double line_top, line_height;
      int baseline;

      charta_export_text_get_line (shown, n, &logical, &baseline, NULL);
      line_top = (double) logical.y / PANGO_SCALE;
      line_height = (double) logical.height / PANGO_SCALE;
      /* A page always takes at least one line, so pagination moves on. */
      if (*y + line_height > self->bottom && !(fresh && n == *line))
        {
          if (opened)
            tag_end (cr, "P");
          *line = n;
          return FALSE;
        }
      if (cr != NULL)
        {
          if (!opened)
            tag_begin (cr, "P");
          opened = TRUE;
          if (f->style == STYLE_SMALL)
            set_grey (cr, 0.3);
          show_text_line (self, cr, f, shown, n, self->left + indent + (double) logical.x / PANGO_SCALE,
                          *y + (double) baseline / PANGO_SCALE - line_top);
          if (f->style == STYLE_INTERNAL)
            {
              canvas_set_rgb (cr, 0.65, 0.11, 0.18);
              canvas_rectangle (cr, self->left + 2, *y, 3, line_height);
              canvas_fill (cr);
            }
          canvas_set_rgb (cr, 0, 0, 0);
        }
      *y += line_height;
    }
  if (opened)
    tag_end (cr, "P");
  /* Drawn to its end: a page drawn again (a preview) lays it out again. */
  if (cr != NULL)
    g_clear_pointer (&f->shaped, charta_export_text_unref);
  *line = 0;
  *y += 4;
  return TRUE;
}

static double
bars_label_width (ChartaExportLayout *self)
{
  return (self->right - self->left) * 0.42;
}

static double
bar_row_height (ChartaExportLayout *self, PangoLayout *label, const ChartaExportBar *bar)
{
  pango_layout_set_text (label, bar->title, -1);
  return MAX (layout_height (label), 14) + 8;
}

static double
bars_height (ChartaExportLayout *self, GPtrArray *bars)
{
  g_autoptr(PangoLayout) label = new_layout (self, FONT " 9", bars_label_width (self) - 8);
  double h = 18;

  for (guint i = 0; i < bars->len; i++)
    h += bar_row_height (self, label, g_ptr_array_index (bars, i));
  return h + 8;
}

static void
draw_bars (ChartaExportLayout *self, ChartaExportCanvas *cr, GPtrArray *bars, double y)
{
  double label_w = bars_label_width (self), x0 = self->left + label_w;
  double bar_w = self->right - x0 - 70, y0 = y;
  g_autoptr(PangoLayout) label = new_layout (self, FONT " 9", label_w - 8);
  g_autoptr(PangoLayout) small = new_layout (self, FONT " 8", -1);

  for (guint i = 0; i < bars->len; i++)
    {
      const ChartaExportBar *bar = g_ptr_array_index (bars, i);
      double h = bar_row_height (self, label, bar);
      g_autofree char *level = bar->mean < 0 ? g_strdup (_("not assessed")) : charta_format_percent (bar->mean);

      show_layout (cr, label, self->left, y + 4);
      canvas_set_rgb (cr, 0.91, 0.93, 0.97);
      canvas_rectangle (cr, x0, y + 4, bar_w, 12);
      canvas_fill (cr);
      if (bar->mean > 0)
        {
          canvas_set_rgb (cr, 0.11, 0.44, 0.85);
          canvas_rectangle (cr, x0, y + 4, bar_w * bar->mean, 12);
          canvas_fill (cr);
        }
      canvas_set_rgb (cr, 0, 0, 0);
      pango_layout_set_text (small, level, -1);
      show_layout (cr, small, x0 + bar_w + 6, y + 5);
      y += h;
    }
  /* The axis: 0 to 100 % of the scale. */
  set_grey (cr, 0.4);
  for (int t = 0; t <= 4; t++)
    {
      g_autofree char *tick = charta_format_percent (t / 4.0);
      double x = x0 + bar_w * t / 4.0;
      int w;

      set_grey (cr, 0.75);
      canvas_rectangle (cr, x - 0.25, y0, 0.5, y - y0 + 3);
      canvas_fill (cr);
      set_grey (cr, 0.4);
      pango_layout_set_text (small, tick, -1);
      pango_layout_get_size (small, &w, NULL);
      show_layout (cr, small, x - (double) w / PANGO_SCALE / 2, y + 4);
    }
  canvas_set_rgb (cr, 0, 0, 0);
}

/* A measure's chart: where its dates and values fall on the page. */
typedef struct {
  ChartaExportCanvas *cr;
  PangoLayout *small;
  double left, top, width, height;
  ChartaExportChartRange range;
} Plot;

static double
plot_x (const Plot *p, const char *date)
{
  double day = charta_export_date_to_days (date);

  return p->left + p->width * (day - p->range.first_day) / (p->range.last_day - p->range.first_day);
}

static double
plot_y (const Plot *p, double value)
{
  return p->top + p->height * (1 - charta_export_scale_position (&p->range.values, value));
}

static void
plot_label (const Plot *p, const char *text, double x, double y, double align_x, double align_y)
{
  int tw, th;

  pango_layout_set_text (p->small, text, -1);
  pango_layout_get_pixel_size (p->small, &tw, &th);
  show_layout (p->cr, p->small, x - tw * align_x, y - th * align_y);
}

static void
draw_value_axis (const Plot *p)
{
  const ChartaExportScale *s = &p->range.values;

  canvas_set_line_width (p->cr, 0.5);
  for (double v = s->min; v <= s->max + s->step / 2; v += s->step)
    {
      g_autofree char *label = charta_export_format_value (v);

      set_grey (p->cr, 0.85);
      canvas_move_to (p->cr, p->left, plot_y (p, v));
      canvas_line_to (p->cr, p->left + p->width, plot_y (p, v));
      canvas_stroke (p->cr);
      set_grey (p->cr, 0.3);
      plot_label (p, label, p->left - 5, plot_y (p, v), 1, 0.5);
    }
}

static void
draw_date_axis (ChartaExportLayout *self, const Plot *p)
{
  g_autoptr(GArray) ticks = charta_export_date_ticks (&p->range, 4);
  double bottom = p->top + p->height;

  for (guint i = 0; i < ticks->len; i++)
    {
      g_autofree char *iso = charta_export_days_to_date (g_array_index (ticks, double, i));
      double x = plot_x (p, iso);

      /* The first and last dates stay inside the chart. */
      plot_label (p, format_date (self, iso), x, bottom + 5, i == 0 ? 0 : i + 1 == ticks->len ? 1 : 0.5, 0);
      canvas_move_to (p->cr, x, bottom);
      canvas_line_to (p->cr, x, bottom + 3);
      canvas_stroke (p->cr);
    }
  canvas_set_line_width (p->cr, 1);
  set_grey (p->cr, 0.2);
  canvas_move_to (p->cr, p->left, p->top);
  canvas_line_to (p->cr, p->left, bottom);
  canvas_line_to (p->cr, p->left + p->width, bottom);
  canvas_stroke (p->cr);
}

/* The target is a dashed line with its label, not only a colour. */
static void
draw_target (const Plot *p, const ChartaExportValue *target)
{
  g_autofree char *value = charta_export_format_value (target->value);
  /* Translators: the label of a chart's target line, e.g. "Target 3" */
  g_autofree char *label = g_strdup_printf (_("Target %s"), value);
  const double dashes[] = { 5, 3 };

  canvas_set_rgb (p->cr, 0.15, 0.55, 0.3);
  canvas_set_dash (p->cr, dashes, 2, 0);
  canvas_set_line_width (p->cr, 1.5);
  canvas_move_to (p->cr, p->left, plot_y (p, target->value));
  canvas_line_to (p->cr, p->left + p->width, plot_y (p, target->value));
  canvas_stroke (p->cr);
  canvas_set_dash (p->cr, NULL, 0, 0);
  plot_label (p, label, p->left + p->width, plot_y (p, target->value) - 2, 1, 1);
}

/* The values measured, joined, each a dot; written beside the dots while they fit
 * (else the first and the last: the bullets under the chart have them all). */
static void
draw_series (const Plot *p, GPtrArray *actuals)
{
  canvas_set_rgb (p->cr, 0.11, 0.44, 0.85);
  canvas_set_line_width (p->cr, 1.8);
  for (guint i = 0; i < actuals->len; i++)
    {
      const ChartaExportValue *v = g_ptr_array_index (actuals, i);
      if (i == 0)
        canvas_move_to (p->cr, plot_x (p, v->date), plot_y (p, v->value));
      else
        canvas_line_to (p->cr, plot_x (p, v->date), plot_y (p, v->value));
    }
  canvas_stroke (p->cr);
  for (guint i = 0; i < actuals->len; i++)
    {
      const ChartaExportValue *v = g_ptr_array_index (actuals, i);

      /* A fresh path: an arc would otherwise join the point the last label left. */
      canvas_new_path (p->cr);
      canvas_arc (p->cr, plot_x (p, v->date), plot_y (p, v->value), 2.8, 0, 2 * G_PI);
      canvas_fill (p->cr);
      if (actuals->len <= 12 || i == 0 || i + 1 == actuals->len)
        {
          g_autofree char *value = charta_export_format_value (v->value);
          plot_label (p, value, plot_x (p, v->date), plot_y (p, v->value) - 3, 0.5, 1);
        }
    }
}

static void
draw_measure (ChartaExportLayout *self, ChartaExportCanvas *cr, const ChartaExportMeasure *m, double y)
{
  g_autoptr(PangoLayout) small = new_layout (self, FONT " 8", -1);
  Plot p = { cr, small, self->left + 44, y + 10, 0, MEASURE_CHART_HEIGHT - 48 };

  p.width = self->right - p.left - 10;
  if (!charta_export_measure_range (m, &p.range))
    return;
  draw_value_axis (&p);
  draw_date_axis (self, &p);
  if (m->unit)
    plot_label (&p, m->unit, self->left, p.top + p.height + 18, 0, 0);
  if (m->target)
    draw_target (&p, m->target);
  draw_series (&p, m->actuals);
  if (m->baseline)
    {
      set_grey (cr, 0.2);
      canvas_rectangle (cr, plot_x (&p, m->baseline->date) - 3, plot_y (&p, m->baseline->value) - 3, 6, 6);
      canvas_fill (cr);
    }
  canvas_set_rgb (cr, 0, 0, 0);
  canvas_set_line_width (cr, 1);
}

/* A figure's text alternative, in cairo's attribute syntax: each bar's title and level as
 * drawn; a measure's chart its title (its values are listed under it). */
static char *
figure_attributes (const Flow *f)
{
  g_autoptr(GString) alt = g_string_new (NULL);
  GString *attributes = g_string_new ("alt='");

  if (f->kind == FLOW_BARS)
    for (guint i = 0; i < f->bars->len; i++)
      {
        const ChartaExportBar *bar = g_ptr_array_index (f->bars, i);
        g_autofree char *level = bar->mean < 0 ? g_strdup (_("not assessed")) : charta_format_percent (bar->mean);

        g_string_append_printf (alt, "%s%s %s", i ? "; " : "", bar->title, level);
      }
  else
    g_string_append (alt, f->measure->title);
  for (const char *c = alt->str; *c; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (attributes, '\\');
      g_string_append_c (attributes, *c);
    }
  g_string_append_c (attributes, '\'');
  return g_string_free (attributes, FALSE);
}

static gboolean
place_block (ChartaExportLayout *self, ChartaExportCanvas *cr, const Flow *f, double *y, gboolean fresh)
{
  double h = f->kind == FLOW_BARS ? bars_height (self, f->bars) : MEASURE_CHART_HEIGHT;

  if (!fresh && *y + h > self->bottom)
    return FALSE;
  if (cr != NULL)
    {
      g_autofree char *attributes = figure_attributes (f);
      canvas_tag_begin (cr, "Figure", attributes);
    }
  if (cr != NULL && f->kind == FLOW_BARS)
    draw_bars (self, cr, f->bars, *y);
  else if (cr != NULL)
    draw_measure (self, cr, f->measure, *y);
  tag_end (cr, "Figure");
  *y += h + 6;
  return TRUE;
}

/* ---- contents ---- */

static double
contents_entry_height (void)
{
  return 22;
}

static void
place_contents (ChartaExportLayout *self, ChartaExportCanvas *cr, double *y)
{
  g_autoptr(PangoLayout) layout = new_layout (self, FONT " 12", -1);

  for (guint i = 0; i < self->flows->len; i++)
    {
      const Flow *f = &g_array_index (self->flows, Flow, i);
      g_autofree char *number = NULL;
      g_autofree char *link = NULL;
      int w;

      if (f->kind != FLOW_HEADING || f->level != 1 || g_str_equal (f->dest, "contents"))
        continue;
      if (cr != NULL)
        {
          number = g_strdup_printf ("%u", f->page + 1);
          link = g_strdup_printf ("dest='%s'", f->dest);
          canvas_tag_begin (cr, CAIRO_TAG_LINK, link);
          pango_layout_set_text (layout, f->text, -1);
          show_layout (cr, layout, self->left, *y);
          pango_layout_set_text (layout, number, -1);
          pango_layout_get_size (layout, &w, NULL);
          show_layout (cr, layout, self->right - (double) w / PANGO_SCALE, *y);
          canvas_tag_end (cr, CAIRO_TAG_LINK);
          set_grey (cr, 0.8);
          canvas_rectangle (cr, self->left, *y + 17, self->right - self->left, 0.5);
          canvas_fill (cr);
          canvas_set_rgb (cr, 0, 0, 0);
        }
      *y += contents_entry_height ();
    }
}

/* ---- tables ---- */

static void
table_spec (ChartaExportLayout *self, const Flow *f, TableSpec *spec)
{
  TableKind kind = f->table;

  memset (spec, 0, sizeof *spec);
  if (kind == TABLE_CHANGES)
    {
      *spec = (TableSpec) { 3, { C_("changes", "Change"), C_("changes", "What"), C_("changes", "How") },
                            { 0.22, 0.42, 0.36 }, f->group->changes->len, kind };
      return;
    }
  if (kind == TABLE_ACTIONS)
    {
      *spec = (TableSpec) { 5, { _("Action"), _("Status"), _("Owner"), _("Start"), _("Due") },
                            { 0.36, 0.17, 0.21, 0.13, 0.13 }, self->doc->actions->len, kind };
      return;
    }
  *spec = (TableSpec) { 4, { _("Date"), _("Kind"), _("Subject"), self->doc->internal ? _("Participants") : _("Number of participants") },
                        { 0.13, 0.17, 0.45, 0.25 }, self->doc->consultations->len, kind };
}

/* Dates as the user's language writes them; a plan has few distinct dates and many rows. */
static const char *
format_date (ChartaExportLayout *self, const char *iso)
{
  char *shown;

  if (iso == NULL)
    return "";
  shown = g_hash_table_lookup (self->dates, iso);
  if (shown == NULL)
    {
      shown = charta_format_date (iso);
      g_hash_table_insert (self->dates, g_strdup (iso), shown);
    }
  return shown;
}

/* The cells of a row as plain text, but those whose bit is set in *@markup (Pango
 * markup); returns whether the row is highlighted. Plain text is shaped without a
 * PangoLayout (charta-export-text.c). */
static gboolean
row_cells (ChartaExportLayout *self, const Flow *f, guint row, char **cells, guint *markup)
{
  TableKind kind = f->table;

  if (kind == TABLE_CHANGES)
    {
      const ChartaExportChange *c = g_ptr_array_index (f->group->changes, row);

      cells[0] = g_strdup (c->kind_label);
      cells[1] = g_strdup (c->title);
      cells[2] = g_strdup (c->description);
      return c->kind == CHARTA_CHANGE_LEVEL_DOWN || c->kind == CHARTA_CHANGE_ACTION_OVERDUE ||
             c->kind == CHARTA_CHANGE_MEASURE_AWAY;
    }
  if (kind == TABLE_ACTIONS)
    {
      const ChartaExportAction *a = g_ptr_array_index (self->doc->actions, row);
      g_autofree char *progress = a->progress != CHARTA_UNSET && a->status != CHARTA_STATUS_DONE ?
                                  g_strdup_printf (" (%d%%)", a->progress) : g_strdup ("");
      const char *start = format_date (self, a->start);
      const char *due = format_date (self, a->due);

      cells[0] = g_strdup (a->title);
      /* Overdue is said in words, not by the row's colour alone. */
      if (a->overdue)
        cells[1] = g_markup_printf_escaped ("%s%s\n<b>%s</b>", charta_status_get_label (a->status), progress, _("Overdue"));
      else
        cells[1] = g_strconcat (charta_status_get_label (a->status), progress, NULL);
      *markup = a->overdue ? 1 << 1 : 0;
      cells[2] = g_strdup (a->owner ? a->owner : "");
      cells[3] = g_strdup (start);
      cells[4] = g_strdup (due);
      return a->overdue;
    }
  else
    {
      const ChartaExportConsultation *c = g_ptr_array_index (self->doc->consultations, row);
      cells[0] = g_strdup (format_date (self, c->date));
      cells[1] = g_strdup (charta_export_meeting_kind_label (c->kind));
      cells[2] = g_strdup (c->title);
      if (c->participants)
        {
          g_autoptr(GString) joined = g_string_new (NULL);
          for (guint i = 0; i < c->participants->len; i++)
            g_string_append_printf (joined, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (c->participants, i));
          cells[3] = g_string_free (g_steal_pointer (&joined), FALSE);
        }
      else
        cells[3] = g_strdup_printf ("%u", c->n_participants);
      return FALSE;
    }
}

/* A cell's text laid out, a reference of the caller's. Short texts come back again and
 * again in a long table (statuses, owners, dates): each is shaped once and kept in the
 * cache. */
static ChartaExportText *
cell_text (ChartaExportLayout *self, TableKind kind, guint column, double width, const char *text, gboolean markup)
{
  GHashTable **cache = &self->cell_cache[kind][column];
  g_autofree char *key = markup ? g_strconcat ("\x01", text, NULL) : NULL;
  ChartaExportText *shown;
  gboolean keep;

  /* A column of a kind of table has one width: the text is the key, markup marked
   * with a byte no plain text kept here starts with. */
  if (*cache == NULL)
    *cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) charta_export_text_unref);
  keep = strlen (text) < 48 && g_hash_table_size (*cache) < 4096 && (markup || *text != '\x01');
  if (keep && (shown = g_hash_table_lookup (*cache, markup ? key : text)) != NULL)
    return charta_export_text_ref (shown);
  if (markup)
    {
      PangoLayout *layout = pango_layout_new (self->context);

      pango_layout_set_font_description (layout, self->cell_font);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_markup (layout, text, -1);
      shown = charta_export_text_new_for_layout (layout);
    }
  else
    shown = charta_export_text_new (self->cell_text_font, text, (int) (width * PANGO_SCALE));
  if (keep)
    g_hash_table_insert (*cache, markup ? g_steal_pointer (&key) : g_strdup (text), charta_export_text_ref (shown));
  return shown;
}

/* Sets the texts of a row's cells in @shown (references of the caller's); returns the
 * row's height. Bit c of @markup says cell c is markup. */
static double
measure_row (ChartaExportLayout *self, const TableSpec *spec, char **cells, guint markup, ChartaExportText **shown)
{
  double h = 0, width = self->right - self->left;

  for (guint c = 0; c < spec->n_columns; c++)
    {
      shown[c] = cell_text (self, spec->kind, c, width * spec->widths[c] - 2 * CELL_PAD, cells[c], markup & (1u << c));
      h = MAX (h, (double) charta_export_text_get_height (shown[c]) / PANGO_SCALE);
    }
  return h + 2 * CELL_PAD;
}

static void
free_cells (char **cells)
{
  for (guint c = 0; c < MAX_COLUMNS; c++)
    g_clear_pointer (&cells[c], g_free);
}

static void
unref_texts (ChartaExportText **texts)
{
  for (guint c = 0; c < MAX_COLUMNS; c++)
    g_clear_pointer (&texts[c], charta_export_text_unref);
}

/* A row's cells (references of the caller's) and height. Pagination lays each row out
 * and keeps it in @f; drawing takes what pagination kept, so no cell is shaped twice,
 * and lays out again only a row it no longer has (a page drawn twice, in a preview). */
static double
take_row (ChartaExportLayout *self, ChartaExportCanvas *cr, Flow *f, const TableSpec *spec, guint row,
          ChartaExportText **shown, gboolean *highlight)
{
  char *cells[MAX_COLUMNS] = { NULL };
  guint markup = 0;
  KeptRow *kept;
  double h;

  if (f->kept != NULL && f->kept[row].cells[0] != NULL)
    {
      kept = &f->kept[row];
      for (guint c = 0; c < MAX_COLUMNS; c++)
        shown[c] = kept->cells[c] && cr == NULL ? charta_export_text_ref (kept->cells[c]) : kept->cells[c];
      if (cr != NULL)
        memset (kept->cells, 0, sizeof kept->cells);
      *highlight = kept->highlight;
      return kept->height;
    }
  memset (shown, 0, sizeof (ChartaExportText *) * MAX_COLUMNS);
  *highlight = row_cells (self, f, row, cells, &markup);
  h = measure_row (self, spec, cells, markup, shown);
  free_cells (cells);
  if (cr == NULL)
    {
      if (f->kept == NULL)
        {
          f->kept = g_new0 (KeptRow, spec->n_rows);
          f->n_kept = spec->n_rows;
        }
      kept = &f->kept[row];
      unref_texts (kept->cells);
      for (guint c = 0; c < MAX_COLUMNS; c++)
        kept->cells[c] = shown[c] ? charta_export_text_ref (shown[c]) : NULL;
      kept->height = h;
      kept->highlight = *highlight;
    }
  return h;
}

/* Gives back to @f a row taken but not drawn: it goes on the next page. */
static void
give_back_row (Flow *f, guint row, ChartaExportText **shown, double h, gboolean highlight)
{
  KeptRow *kept = f->kept != NULL && row < f->n_kept ? &f->kept[row] : NULL;

  if (kept == NULL)
    {
      unref_texts (shown);
      return;
    }
  unref_texts (kept->cells);
  memcpy (kept->cells, shown, sizeof kept->cells);
  memset (shown, 0, sizeof kept->cells);
  kept->height = h;
  kept->highlight = highlight;
}

static void
draw_row (ChartaExportLayout *self, ChartaExportCanvas *cr, const TableSpec *spec, ChartaExportText **shown, double y, double h,
          gboolean header, gboolean highlight)
{
  double x = self->left, width = self->right - self->left;

  if (header || highlight)
    {
      if (header)
        canvas_set_rgb (cr, 0.91, 0.93, 0.97);
      else
        canvas_set_rgb (cr, 0.99, 0.92, 0.92);
      canvas_rectangle (cr, self->left, y, width, h);
      canvas_fill (cr);
    }
  canvas_set_rgb (cr, 0, 0, 0);
  tag_begin (cr, "TR");
  for (guint c = 0; c < spec->n_columns; c++)
    {
      tag_begin (cr, header ? "TH" : "TD");
      /* An empty cell (no owner, no date) draws nothing: cheaper than an empty layout. */
      if (!charta_export_text_is_empty (shown[c]))
        show_text (cr, shown[c], x + CELL_PAD, y + CELL_PAD);
      tag_end (cr, header ? "TH" : "TD");
      x += width * spec->widths[c];
    }
  tag_end (cr, "TR");
}

/* The lines under the rows of a table on one page, in one path: one fill per page
 * rather than one per row keeps the PDF's page streams short. */
static void
draw_rules (ChartaExportLayout *self, ChartaExportCanvas *cr, GArray *rules)
{
  if (cr == NULL || rules->len == 0)
    return;
  canvas_new_path (cr);
  for (guint i = 0; i < rules->len; i++)
    canvas_rectangle (cr, self->left, g_array_index (rules, double, i) - 0.25, self->right - self->left, 0.5);
  set_grey (cr, 0.7);
  canvas_fill (cr);
  canvas_set_rgb (cr, 0, 0, 0);
  g_array_set_size (rules, 0);
}

/* Places the header (again on every page) and then rows from *row while they fit. */
static gboolean
place_table (ChartaExportLayout *self, ChartaExportCanvas *cr, Flow *f, guint *row, double *y, gboolean fresh)
{
  TableSpec spec;
  char *header[MAX_COLUMNS] = { NULL };
  ChartaExportText *header_shown[MAX_COLUMNS] = { NULL };
  g_autoptr(GArray) rules = g_array_new (FALSE, FALSE, sizeof (double));
  double header_h;

  table_spec (self, f, &spec);
  for (guint c = 0; c < spec.n_columns; c++)
    header[c] = g_markup_printf_escaped ("<b>%s</b>", spec.headers[c]);
  header_h = measure_row (self, &spec, header, (1u << MAX_COLUMNS) - 1, header_shown);
  free_cells (header);
  for (gboolean first = TRUE; *row < spec.n_rows; (*row)++, first = FALSE)
    {
      ChartaExportText *shown[MAX_COLUMNS] = { NULL };
      gboolean highlight;
      double h = take_row (self, cr, f, &spec, *row, shown, &highlight);

      if (*y + (first ? header_h : 0) + h > self->bottom && !(fresh && first))
        {
          if (!first)
            tag_end (cr, "Table");
          draw_rules (self, cr, rules);
          if (cr != NULL)
            give_back_row (f, *row, shown, h, highlight);
          unref_texts (shown);
          unref_texts (header_shown);
          return FALSE;
        }
      if (first && cr != NULL)
        {
          tag_begin (cr, "Table");
          draw_row (self, cr, &spec, header_shown, *y, header_h, TRUE, FALSE);
        }
      if (first)
        {
          *y += header_h;
          g_array_append_val (rules, *y);
        }
      if (cr != NULL)
        draw_row (self, cr, &spec, shown, *y, h, FALSE, highlight);
      unref_texts (shown);
      *y += h;
      g_array_append_val (rules, *y);
    }
  unref_texts (header_shown);
  tag_end (cr, "Table");
  draw_rules (self, cr, rules);
  *row = 0;
  *y += 8;
  return TRUE;
}

/* ---- pages ---- */

/* Lays out page @page from *@pos, drawing when @cr is not NULL; leaves *@pos where the
 * next page starts. */
static void
layout_page (ChartaExportLayout *self, ChartaExportCanvas *cr, guint page, Position *pos)
{
  double y = self->top;
  gboolean fresh = TRUE;

  while (pos->flow < self->flows->len)
    {
      Flow *f = &g_array_index (self->flows, Flow, pos->flow);
      gboolean placed = TRUE;

      switch (f->kind)
        {
        case FLOW_COVER:
          if (cr != NULL)
            draw_cover (self, cr);
          pos->flow++;
          return;
        case FLOW_BREAK:
          pos->flow++;
          if (!fresh)
            return;
          continue;
        case FLOW_NEED:
          pos->flow++;
          if (!fresh && y + f->height > self->bottom)
            return;
          continue;
        case FLOW_CONTENTS:
          place_contents (self, cr, &y);
          break;
        case FLOW_HEADING:
          placed = place_heading (self, cr, f, page, &y, fresh);
          break;
        case FLOW_TEXT:
          placed = place_text (self, cr, f, &pos->sub, &y, fresh);
          break;
        case FLOW_BARS:
        case FLOW_MEASURE:
          placed = place_block (self, cr, f, &y, fresh);
          break;
        case FLOW_TABLE:
          placed = place_table (self, cr, f, &pos->sub, &y, fresh);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!placed)
        return;
      pos->flow++;
      pos->sub = 0;
      fresh = FALSE;
    }
}

static void
paginate (ChartaExportLayout *self)
{
  Position pos = { 0, 0 };

  self->section = -1;
  while (pos.flow < self->flows->len)
    {
      g_array_append_val (self->pages, pos);
      layout_page (self, NULL, self->pages->len - 1, &pos);
      g_array_append_val (self->page_heads, self->section);
    }
}

ChartaExportLayout *
charta_export_layout_new (const ChartaExportDocument *doc, PangoContext *context, double width, double height)
{
  ChartaExportLayout *self;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  self = g_new0 (ChartaExportLayout, 1);
  self->doc = doc;
  self->context = g_object_ref (context);
  /* Glyphs where the font puts them: rounded to whole units (points here), letters of
   * a 9-point text are spaced unevenly, and cairo has to write each glyph's position
   * into the PDF as a correction of its width. */
  pango_context_set_round_glyph_positions (context, FALSE);
  self->width = width;
  self->height = height;
  self->left = MARGIN;
  self->right = width - MARGIN;
  self->top = MARGIN;
  self->bottom = height - MARGIN;
  self->flows = g_array_new (FALSE, TRUE, sizeof (Flow));
  g_array_set_clear_func (self->flows, clear_flow);
  self->pages = g_array_new (FALSE, FALSE, sizeof (Position));
  self->page_heads = g_array_new (FALSE, FALSE, sizeof (int));
  self->cell_font = pango_font_description_from_string (FONT " 9");
  self->cell_text_font = charta_export_font_new (context, self->cell_font);
  self->dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  build_flows (self);
  paginate (self);
  return self;
}

void
charta_export_layout_free (ChartaExportLayout *self)
{
  if (self == NULL)
    return;
  pango_font_description_free (self->cell_font);
  charta_export_font_free (self->cell_text_font);
  g_clear_pointer (&self->bullet, charta_export_text_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->heading_fonts); i++)
    g_clear_pointer (&self->heading_fonts[i], charta_export_font_free);
  g_clear_pointer (&self->foot_font, charta_export_font_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->text_fonts); i++)
    g_clear_pointer (&self->text_fonts[i], charta_export_font_free);
  g_clear_object (&self->head_left);
  g_clear_object (&self->head_right);
  g_clear_object (&self->mark);
  for (guint k = 0; k < G_N_ELEMENTS (self->cell_cache); k++)
    for (guint c = 0; c < MAX_COLUMNS; c++)
      g_clear_pointer (&self->cell_cache[k][c], g_hash_table_unref);
  g_hash_table_unref (self->dates);
  g_array_unref (self->flows);
  g_array_unref (self->pages);
  g_array_unref (self->page_heads);
  g_object_unref (self->context);
  g_free (self);
}

guint
charta_export_layout_get_n_pages (ChartaExportLayout *self)
{
  return self->pages->len;
}

static void
draw_page (ChartaExportLayout *self, ChartaExportCanvas *cr, guint page)
{
  Position pos = g_array_index (self->pages, Position, page);

  canvas_save (cr);
  draw_furniture (self, cr, page);
  layout_page (self, cr, page, &pos);
  canvas_restore (cr);
}

void
charta_export_layout_draw_page (ChartaExportLayout *self, cairo_t *cr, guint page)
{
  ChartaExportCairoCanvas canvas;

  g_return_if_fail (self != NULL);
  g_return_if_fail (page < self->pages->len);

  charta_export_cairo_canvas_init (&canvas, cr);
  draw_page (self, &canvas.parent, page);
}

/* ---- the PDF ---- */

static void
add_outline (ChartaExportLayout *layout, ChartaExportPdfWriter *writer)
{
  g_autofree int *ids = g_new0 (int, layout->flows->len);

  for (guint i = 0; i < layout->flows->len; i++)
    {
      const Flow *f = &g_array_index (layout->flows, Flow, i);

      if (f->kind != FLOW_HEADING)
        continue;
      ids[i] = charta_export_pdf_writer_add_outline (writer, f->parent >= 0 ? ids[f->parent] : 0, f->text, f->dest,
                                                     f->level == 1);
    }
}

static void
set_metadata (const ChartaExportDocument *doc, ChartaExportPdfWriter *writer)
{
  g_autofree char *title = g_strdup_printf ("%s — %s", doc->city, doc->kind_title);
  g_autoptr(GString) keywords = g_string_new (NULL);

  for (guint i = 0; i < doc->frameworks->len; i++)
    g_string_append_printf (keywords, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (doc->frameworks, i));
  charta_export_pdf_writer_set_info (writer, "Title", title);
  charta_export_pdf_writer_set_info (writer, "Subject", doc->title ? doc->title : "");
  charta_export_pdf_writer_set_info (writer, "Author", doc->city);
  charta_export_pdf_writer_set_info (writer, "Keywords", keywords->str);
  charta_export_pdf_writer_set_info (writer, "Creator", "Charta " PACKAGE_VERSION);
  charta_export_pdf_writer_set_language (writer, doc->language);
}

/* Text measured as cairo's PDF surface measured it (the report's pages broke where they
 * break since the first PDF export): Pango's cairo font map, one unit a point, outlines
 * neither hinted nor their metrics rounded. */
static PangoContext *
new_pdf_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72);
  return context;
}

GBytes *
charta_export_pdf (const ChartaExportDocument *doc, ChartaExportPaper paper, ChartaExportProgressFunc progress,
                   gpointer user_data, GCancellable *cancellable, GError **error)
{
  guint n_pages;
  PangoContext *context = new_pdf_context ();
  g_autoptr(ChartaExportLayout) layout = NULL;
  g_autoptr(ChartaExportPdfWriter) writer = NULL;
  ChartaExportCanvas *canvas;
  double width, height;

  g_return_val_if_fail (doc != NULL, NULL);

  charta_export_paper_get_size (paper, &width, &height);
  layout = charta_export_layout_new (doc, context, width, height);
  g_object_unref (context);
  n_pages = charta_export_layout_get_n_pages (layout);
  writer = charta_export_pdf_writer_new (width, height);
  canvas = charta_export_pdf_writer_get_canvas (writer);
  canvas_tag_begin (canvas, "Document", "");
  for (guint page = 0; page < n_pages; page++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      draw_page (layout, canvas, page);
      charta_export_pdf_writer_show_page (writer);
      if (progress != NULL)
        progress ((double) (page + 1) / n_pages, user_data);
    }
  canvas_tag_end (canvas, "Document");
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  add_outline (layout, writer);
  set_metadata (doc, writer);
  return charta_export_pdf_writer_finish (writer);
}
