/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "charta-export"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

#include "charta-export.h"

static gboolean
parse_date (const char *iso, struct icaltimetype *out)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return FALSE;
  *out = icaltime_null_date ();
  out->year = y;
  out->month = m;
  out->day = d;
  return TRUE;
}

static icalproperty_status
ical_status (ChartaStatus status)
{
  switch (status)
    {
    case CHARTA_STATUS_IN_PROGRESS: return ICAL_STATUS_INPROCESS;
    case CHARTA_STATUS_DONE: return ICAL_STATUS_COMPLETED;
    case CHARTA_STATUS_CANCELLED: return ICAL_STATUS_CANCELLED;
    case CHARTA_STATUS_PLANNED:
    case CHARTA_STATUS_POSTPONED:
    case CHARTA_N_STATUSES:
    default: return ICAL_STATUS_NEEDSACTION;
    }
}

/* The UID is the action's own id: it never changes, so a calendar that imports a later
 * export replaces the task it already has. */
static char *
action_uid (const ChartaExportAction *action)
{
  return g_strdup_printf ("%s@charta.action", action->id);
}

static void
add_text (icalcomponent *todo, icalproperty *(*make) (const char *), const char *text)
{
  if (text != NULL)
    icalcomponent_add_property (todo, make (text));
}

static void
add_dates (icalcomponent *todo, const ChartaExportAction *action)
{
  struct icaltimetype start, due;
  gboolean has_start = parse_date (action->start, &start);
  gboolean has_due = parse_date (action->due, &due);

  /* RFC 5545: DUE must come after DTSTART; a one-day action has only its due date. */
  if (has_start && has_due && icaltime_compare_date_only (due, start) <= 0)
    has_start = FALSE;
  if (has_start)
    icalcomponent_add_property (todo, icalproperty_new_dtstart (start));
  if (has_due)
    icalcomponent_add_property (todo, icalproperty_new_due (due));
}

static icalcomponent *
action_todo (const ChartaExportDocument *doc, const ChartaExportAction *action, struct icaltimetype stamp)
{
  icalcomponent *todo = icalcomponent_new (ICAL_VTODO_COMPONENT);
  g_autofree char *uid = action_uid (action);
  g_autoptr(GString) description = g_string_new (action->description);

  if (action->owner != NULL)
    {
      if (description->len > 0)
        g_string_append (description, "\n\n");
      /* Translators: in a calendar task's description; %s is a person or an organisation */
      g_string_append_printf (description, _("Owner: %s"), action->owner);
    }
  if (action->notes != NULL)
    g_string_append_printf (description, "%s%s", description->len ? "\n\n" : "", action->notes);

  icalcomponent_add_property (todo, icalproperty_new_uid (uid));
  icalcomponent_add_property (todo, icalproperty_new_dtstamp (stamp));
  add_text (todo, icalproperty_new_summary, action->title);
  add_text (todo, icalproperty_new_description, description->len ? description->str : NULL);
  add_dates (todo, action);
  icalcomponent_add_property (todo, icalproperty_new_status (ical_status (action->status)));
  if (action->progress != CHARTA_UNSET)
    icalcomponent_add_property (todo, icalproperty_new_percentcomplete (action->progress));
  if (doc->internal)
    icalcomponent_add_property (todo, icalproperty_new_class (ICAL_CLASS_CONFIDENTIAL));
  return todo;
}

GBytes *
charta_export_ics (const ChartaExportDocument *doc, GError **error)
{
  icalcomponent *calendar;
  struct icaltimetype stamp = icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());
  g_autofree char *name = NULL;
  char *text;
  GBytes *bytes;

  g_return_val_if_fail (doc != NULL, NULL);

  calendar = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Charta//Charta " PACKAGE_VERSION "//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  /* Translators: the name of the calendar of a city's actions; %s is the city */
  name = g_strdup_printf (_("Action plan of %s"), doc->city);
  {
    icalproperty *prop = icalproperty_new_x (name);
    icalproperty_set_x_name (prop, "X-WR-CALNAME");
    icalcomponent_add_property (calendar, prop);
  }
  for (guint i = 0; i < doc->actions->len; i++)
    icalcomponent_add_component (calendar, action_todo (doc, g_ptr_array_index (doc->actions, i), stamp));

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  if (text == NULL)
    {
      /* Translators: %s is libical's reason, in English */
      g_set_error (error, CHARTA_EXPORT_ERROR, CHARTA_EXPORT_ERROR_FAILED,
                   _("The calendar could not be written: %s"), icalerror_strerror (icalerrno));
      return NULL;
    }
  bytes = g_bytes_new (text, strlen (text));
  icalmemory_free_buffer (text);
  return bytes;
}
