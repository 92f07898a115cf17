/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "charta-export-table.h"

typedef struct {
  const char *header;
  ChartaExportType type;
} Column;

static const char * const table_names[] = { "actions", "measures", "assessments", "changes", NULL };

static ChartaExportTable *
table_new (const char *name, const char *title, const Column *columns, guint n_columns)
{
  ChartaExportTable *table = g_new0 (ChartaExportTable, 1);

  table->name = g_strdup (name);
  table->title = g_strdup (title);
  table->n_columns = n_columns;
  table->headers = g_new0 (char *, n_columns + 1);
  table->types = g_new0 (ChartaExportType, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      table->headers[i] = g_strdup (columns[i].header);
      table->types[i] = columns[i].type;
    }
  table->cells = g_array_new (FALSE, TRUE, sizeof (ChartaExportCell));
  table->strings = g_string_chunk_new (4096);
  return table;
}

/* Borrows @text: a 20,000-row table copies no string it does not have to. */
static void
add_text (ChartaExportTable *table, const char *text)
{
  ChartaExportCell cell = { text, NAN };

  g_array_append_val (table->cells, cell);
}

static void
add_number (ChartaExportTable *table, double number)
{
  ChartaExportCell cell = { NULL, number };

  g_array_append_val (table->cells, cell);
}

static void
add_int (ChartaExportTable *table, int value)
{
  add_number (table, value == CHARTA_UNSET ? NAN : value);
}

static void
add_joined (ChartaExportTable *table, GPtrArray *texts)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; texts && i < texts->len; i++)
    g_string_append_printf (joined, "%s%s", i ? "; " : "", (char *) g_ptr_array_index (texts, i));
  add_text (table, joined->len ? g_string_chunk_insert (table->strings, joined->str) : NULL);
}

static ChartaExportTable *
actions_table (const ChartaExportDocument *doc)
{
  const Column columns[] = {
    { _("Id"), CHARTA_EXPORT_TEXT },
    { _("Title"), CHARTA_EXPORT_TEXT },
    { _("Status"), CHARTA_EXPORT_TEXT },
    /* Translators: a column header; the % is a percent sign. xgettext:no-c-format */
    { _("Progress (%)"), CHARTA_EXPORT_INTEGER },
    { _("Start"), CHARTA_EXPORT_DATE },
    { _("Due"), CHARTA_EXPORT_DATE },
    { _("Overdue"), CHARTA_EXPORT_BOOLEAN },
    { _("Owner"), CHARTA_EXPORT_TEXT },
    { _("Partners"), CHARTA_EXPORT_TEXT },
    { _("Work forms"), CHARTA_EXPORT_TEXT },
    { _("Serves"), CHARTA_EXPORT_TEXT },
    { _("Description"), CHARTA_EXPORT_TEXT },
    { _("Notes"), CHARTA_EXPORT_TEXT },
  };
  /* The notes column exists only in an internal report. */
  ChartaExportTable *table = table_new ("actions", _("Actions"), columns, G_N_ELEMENTS (columns) - !doc->internal);

  for (guint i = 0; i < doc->actions->len; i++)
    {
      const ChartaExportAction *a = g_ptr_array_index (doc->actions, i);

      add_text (table, a->id);
      add_text (table, a->title);
      add_text (table, charta_status_get_label (a->status));
      add_int (table, a->progress);
      add_text (table, a->start);
      add_text (table, a->due);
      add_number (table, a->overdue);
      add_text (table, a->owner);
      add_joined (table, a->partners);
      add_joined (table, a->workforms);
      add_joined (table, a->items);
      add_text (table, a->description);
      if (doc->internal)
        add_text (table, a->notes);
    }
  return table;
}

static void
add_value_or_empty (ChartaExportTable *table, const ChartaExportValue *v)
{
  add_number (table, v ? v->value : NAN);
}

static ChartaExportTable *
measures_table (const ChartaExportDocument *doc)
{
  const Column columns[] = {
    { _("Measure id"), CHARTA_EXPORT_TEXT },
    { _("Measure"), CHARTA_EXPORT_TEXT },
    { _("Unit"), CHARTA_EXPORT_TEXT },
    { _("Direction"), CHARTA_EXPORT_TEXT },
    { _("Date"), CHARTA_EXPORT_DATE },
    { _("Value"), CHARTA_EXPORT_NUMBER },
    { _("Note"), CHARTA_EXPORT_TEXT },
    { _("Baseline"), CHARTA_EXPORT_NUMBER },
    { _("Baseline date"), CHARTA_EXPORT_DATE },
    { _("Target"), CHARTA_EXPORT_NUMBER },
    { _("Target date"), CHARTA_EXPORT_DATE },
  };
  ChartaExportTable *table = table_new ("measures", _("Measures"), columns, G_N_ELEMENTS (columns));

  for (guint i = 0; i < doc->measures->len; i++)
    {
      const ChartaExportMeasure *m = g_ptr_array_index (doc->measures, i);

      for (guint k = 0; k < m->actuals->len; k++)
        {
          const ChartaExportValue *v = g_ptr_array_index (m->actuals, k);

          add_text (table, m->id);
          add_text (table, m->title);
          add_text (table, m->unit);
          add_text (table, charta_export_direction_label (m->direction));
          add_text (table, v->date);
          add_number (table, v->value);
          add_text (table, v->note);
          add_value_or_empty (table, m->baseline);
          add_text (table, m->baseline ? m->baseline->date : NULL);
          add_value_or_empty (table, m->target);
          add_text (table, m->target ? m->target->date : NULL);
        }
    }
  return table;
}

static ChartaExportTable *
assessments_table (const ChartaExportDocument *doc)
{
  const Column columns[] = {
    { _("Item id"), CHARTA_EXPORT_TEXT },
    { _("Framework"), CHARTA_EXPORT_TEXT },
    { _("Part of"), CHARTA_EXPORT_TEXT },
    { _("Item"), CHARTA_EXPORT_TEXT },
    { _("Level"), CHARTA_EXPORT_INTEGER },
    { _("Levels on the scale"), CHARTA_EXPORT_INTEGER },
    { _("Level meaning"), CHARTA_EXPORT_TEXT },
    { _("Evidence"), CHARTA_EXPORT_TEXT },
    { _("Sources"), CHARTA_EXPORT_TEXT },
    { _("Key problems"), CHARTA_EXPORT_TEXT },
    { _("Recommendations adopted"), CHARTA_EXPORT_TEXT },
    { _("Evidence is internal"), CHARTA_EXPORT_BOOLEAN },
  };
  ChartaExportTable *table = table_new ("assessments", _("Assessments"), columns, G_N_ELEMENTS (columns) - !doc->internal);

  for (guint f = 0; f < doc->assessed->len; f++)
    {
      const ChartaExportFramework *fw = g_ptr_array_index (doc->assessed, f);

      for (guint i = 0; i < fw->assessments->len; i++)
        {
          const ChartaExportAssessment *a = g_ptr_array_index (fw->assessments, i);

          add_text (table, a->item);
          add_text (table, fw->title);
          add_text (table, a->group);
          add_text (table, a->title);
          add_int (table, a->level);
          add_number (table, a->n_levels);
          add_text (table, a->level_title);
          add_text (table, a->evidence);
          add_joined (table, a->sources);
          add_joined (table, a->key_problems);
          add_joined (table, a->recommendations);
          if (doc->internal)
            add_number (table, a->evidence_internal);
        }
    }
  return table;
}

static const char *
status_or_empty (int status)
{
  return status == CHARTA_UNSET ? NULL : charta_status_get_label (status);
}

/* What changed since the round compared with: empty (a header only) without a round. */
static ChartaExportTable *
changes_table (const ChartaExportDocument *doc)
{
  const Column columns[] = {
    { C_("changes", "Change"), CHARTA_EXPORT_TEXT },
    { _("Id"), CHARTA_EXPORT_TEXT },
    { _("Title"), CHARTA_EXPORT_TEXT },
    { C_("changes", "How"), CHARTA_EXPORT_TEXT },
    { _("Serves"), CHARTA_EXPORT_TEXT },
    { _("Level then"), CHARTA_EXPORT_INTEGER },
    { _("Level now"), CHARTA_EXPORT_INTEGER },
    { _("Status then"), CHARTA_EXPORT_TEXT },
    { _("Status now"), CHARTA_EXPORT_TEXT },
    { _("Due"), CHARTA_EXPORT_DATE },
    { _("Value then"), CHARTA_EXPORT_NUMBER },
    { _("Value now"), CHARTA_EXPORT_NUMBER },
    { _("Target"), CHARTA_EXPORT_NUMBER },
  };
  ChartaExportTable *table = table_new ("changes", _("Changes"), columns, G_N_ELEMENTS (columns));

  for (guint i = 0; i < doc->changes->len; i++)
    {
      const ChartaExportChange *c = g_ptr_array_index (doc->changes, i);

      add_text (table, c->kind_label);
      add_text (table, c->id);
      add_text (table, c->title);
      add_text (table, c->description);
      add_text (table, c->groups);
      add_int (table, c->old_level);
      add_int (table, c->new_level);
      add_text (table, status_or_empty (c->old_status));
      add_text (table, status_or_empty (c->new_status));
      add_text (table, c->due);
      add_number (table, c->old_value);
      add_number (table, c->new_value);
      add_number (table, c->target);
    }
  return table;
}

const char * const *
charta_export_table_names (void)
{
  return table_names;
}

ChartaExportTable *
charta_export_table_new (const ChartaExportDocument *document, const char *name)
{
  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "actions"))
    return actions_table (document);
  if (g_str_equal (name, "measures"))
    return measures_table (document);
  if (g_str_equal (name, "assessments"))
    return assessments_table (document);
  if (g_str_equal (name, "changes"))
    return changes_table (document);
  return NULL;
}

gboolean
charta_export_table_is_wanted (const ChartaExportDocument *document, const char *name)
{
  return !g_str_equal (name, "changes") || document->since_label != NULL;
}

void
charta_export_table_free (ChartaExportTable *table)
{
  if (table == NULL)
    return;
  g_array_unref (table->cells);
  g_string_chunk_free (table->strings);
  g_strfreev (table->headers);
  g_free (table->types);
  g_free (table->name);
  g_free (table->title);
  g_free (table);
}

guint
charta_export_table_get_n_rows (const ChartaExportTable *table)
{
  return table->cells->len / table->n_columns;
}

const ChartaExportCell *
charta_export_table_get_cell (const ChartaExportTable *table, guint row, guint column)
{
  g_return_val_if_fail (column < table->n_columns, NULL);
  return &g_array_index (table->cells, ChartaExportCell, row * table->n_columns + column);
}
