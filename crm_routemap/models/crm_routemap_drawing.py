from odoo import models

from ..pure import bpmn, conditions, engine, validate

# the engine's view of frozen map versions (never mutated by their readers)
_FROZEN_MODELS = {}
_FROZEN_MODELS_MAX = 512
# what a completion looks up in a frozen map version: its points by element, the maps it
# nests, its compiled spec
_FROZEN_TABLES = {}


class CrmRoutemapDrawing(models.Model):
    """The map's drawing (BPMN XML) and its points and arrows in Odoo: which decides what."""

    _inherit = "crm.routemap"

    def _routemap_drawn_before(self):
        """The map as drawn before a save (an empty one when the stored file is unreadable)."""
        try:
            return self._routemap_parse()
        except bpmn.BpmnError:
            return bpmn.RouteMap()

    def _routemap_parse(self):
        self.ensure_one()
        return bpmn.parse(self.xml or self._default_xml())

    def _routemap_sync_points(self, previous=None):
        """One point per BPMN flow node and one arrow per sequence flow, by element id.

        The diagram decides a point's name and kind only where it changed them: `previous`
        ({map id: the map as drawn before this save}) tells; what the diagram left as it was
        keeps what the consultant set in Odoo (a gateway's condition or choice, a name).
        Without `previous` (a new map), points that exist already (a copy's) keep theirs."""
        for routemap in self:
            try:
                drawn = routemap._routemap_parse()
            except bpmn.BpmnError:
                continue  # the form shows the problem; nothing is lost
            before = (previous or {}).get(routemap.id)
            points = {point.element_id: point for point in routemap.point_ids}
            stale = routemap.point_ids.filtered(lambda p, d=drawn: p.element_id not in d.points)
            stale.unlink()
            unnamed = routemap._routemap_default_names(drawn)
            unnamed_before = routemap._routemap_default_names(before) if before else {}
            for pid, point in drawn.points.items():
                values = {"kind": point.kind, "name": point.name or unnamed[pid]}
                if pid in points:
                    record = points[pid]
                    old = before.points.get(pid) if before is not None else None
                    if before is None:
                        values = {}
                    elif old is not None:
                        drawn_before = {
                            "kind": old.kind,
                            "name": old.name or unnamed_before.get(pid, pid),
                        }
                        values = {k: v for k, v in values.items() if drawn_before[k] != v}
                    changed = {k: v for k, v in values.items() if record[k] != v}
                    if changed:
                        record.write(changed)
                else:
                    self.env["crm.routemap.point"].create(
                        {"routemap_id": routemap.id, "element_id": pid, **values}
                    )
            arrows = {arrow.element_id: arrow for arrow in routemap.arrow_ids}
            routemap.arrow_ids.filtered(lambda a, d=drawn: a.element_id not in d.arrows).unlink()
            by_element = {p.element_id: p for p in routemap.point_ids}
            for aid, arrow in drawn.arrows.items():
                values = {
                    "name": arrow.name,
                    "source_id": by_element.get(arrow.source, self.env["crm.routemap.point"]).id,
                    "target_id": by_element.get(arrow.target, self.env["crm.routemap.point"]).id,
                }
                source = drawn.points.get(arrow.source)
                if source is not None and (source.default or aid not in arrows):
                    values["is_default"] = source.default == aid  # else kept as set in Odoo
                # the file's condition: a domain, or Python (a system administrator's only)
                field = "condition" if conditions.is_domain(arrow.condition) else "condition_code"
                if aid in arrows:
                    record = arrows[aid]
                    if arrow.condition and not (record.condition or record.condition_code):
                        values[field] = arrow.condition
                    changed = {
                        k: v
                        for k, v in values.items()
                        if (record[k].id if k in ("source_id", "target_id") else record[k]) != v
                    }
                    if changed:
                        record.write(changed)
                else:
                    self.env["crm.routemap.arrow"].create(
                        {
                            "routemap_id": routemap.id,
                            "element_id": aid,
                            field: arrow.condition,
                            **values,
                        }
                    )

    def _routemap_default_names(self, drawn):
        """A readable name for each point of `drawn` the diagram leaves unnamed: its kind and
        number ("Condition 2"), in the reader's language, never its technical id."""
        kinds = dict(
            self.env["crm.routemap.point"]._fields["kind"]._description_selection(self.env)
        )
        counts, names = {}, {}
        for pid, point in drawn.points.items():
            if not point.name:
                counts[point.kind] = counts.get(point.kind, 0) + 1
                names[pid] = f"{kinds.get(point.kind, point.kind)} {counts[point.kind]}"
        return names

    def _routemap_model(self):
        """The map as the engine sees it: the drawing with the settings kept in Odoo."""
        self.ensure_one()
        drawn = self._routemap_parse()
        drawn.process_id = self._routemap_process_id()
        drawn.name = self.name
        points = {p.element_id: p for p in self.point_ids}
        for pid, point in drawn.points.items():
            record = points.get(pid)
            if record:
                point.name = record.name  # what the consultant reads, in his language
            if record and point.kind == bpmn.NESTED:
                point.called = (
                    record.called_routemap_id._routemap_process_id()
                    if record.called_routemap_id
                    else ""
                )
            if (
                record
                and point.kind in (bpmn.CHOICE, bpmn.CONDITION)
                and record.kind
                in (
                    bpmn.CHOICE,
                    bpmn.CONDITION,
                )
            ):
                point.kind = record.kind  # the consultant may say which of the two it is
        for point in drawn.points.values():
            point.default = ""
        for arrow_record in self.arrow_ids:
            arrow = drawn.arrows.get(arrow_record.element_id)
            if arrow is None:
                continue
            arrow.condition = arrow_record._routemap_condition_text()
            if arrow_record.is_default and arrow.source in drawn.points:
                drawn.points[arrow.source].default = arrow.id
        return drawn

    def _routemap_frozen(self, cache, build):
        """`build()` of a map that can no longer change (active or archived: its drawing and
        settings are frozen), kept in `cache` once per version and worker; a draft's is built
        again at each call."""
        self.ensure_one()
        if self.status == "draft":
            return build()
        key = (self.env.cr.dbname, self.id, self.write_date)
        value = cache.get(key)
        if value is None:
            if len(cache) >= _FROZEN_MODELS_MAX:
                cache.clear()
            value = cache[key] = build()
        return value

    def _routemap_model_frozen(self):
        """`_routemap_model()`, once per frozen version."""
        return self._routemap_frozen(_FROZEN_MODELS, self._routemap_model)

    def _routemap_tables(self):
        """What a process of this map looks up at each step, once per frozen version:
        - points: {(process id, element id): point id} over the map and the maps it nests;
        - nested: the ids of the maps it nests (deep first);
        - stages: {element id: state id} of its own points;
        - silent: its points whose reach does not change the interest's state;
        - spec: the engine's compiled spec of it and the maps it nests."""
        return self._routemap_frozen(_FROZEN_TABLES, self._routemap_tables_read)

    def _routemap_tables_read(self):
        routemap = self.sudo()
        nested = routemap._routemap_nested()
        splits = {
            p.element_id: p.state_arrow_id.element_id
            for p in routemap.point_ids
            if p.kind == bpmn.SPLIT and p.state_arrow_id
        }
        return {
            "points": {
                (m._routemap_process_id(), p.element_id): p.id
                for m in routemap | nested
                for p in m.point_ids
            },
            "nested": tuple(nested.ids),
            "stages": {p.element_id: p.stage_id.id for p in routemap.point_ids if p.stage_id},
            "silent": frozenset(validate.silent_points(routemap._routemap_model_frozen(), splits)),
            "spec": engine.spec_for(
                routemap._routemap_model_frozen(),
                tuple(m._routemap_model_frozen() for m in nested),
            ),
        }
