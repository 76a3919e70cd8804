import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import {
    rottingStatusBarDurationField,
    RottingStatusBarDurationField,
} from "@mail/js/rotting_mixin/rotting_statusbar";

/**
 * The interest's path: the scenario's states as Odoo's status bar, the furthest state reached
 * flagged, and a move the server refuses (checklist, required fields, route-map control) put
 * back at once instead of staying on the form as an unsaved change.
 *
 * Option `locked_field`: a field of the record that, when set, says why the user may not
 * move the state himself (e.g. a route map drives the interest, and which task is next);
 * a click on a state then tells him that instead of trying the move.
 */
export class InterestStatusBarField extends RottingStatusBarDurationField {
    static template = "crm_interest.InterestStatusBarField";
    static props = {
        ...RottingStatusBarDurationField.props,
        lockedField: { type: String, optional: true },
    };

    setup() {
        super.setup();
        this.notification = useService("notification");
    }

    get lockedMessage() {
        const { lockedField, record } = this.props;
        return (lockedField && record.data[lockedField]) || "";
    }

    getAllItems() {
        const items = super.getAllItems();
        const furthest = this.props.record.data.furthest_stage_id;
        const current = this.props.record.data[this.props.name];
        for (const item of items) {
            item.isFurthest = Boolean(
                furthest && furthest.id === item.value && (!current || current.id !== item.value)
            );
        }
        return items;
    }

    /**
     * Odoo folds states while the path "wraps", which it reads as "the bar is taller than its
     * first button". The interest's states carry more than a label (time in the state, the
     * furthest-state flag): a current state a pixel taller than the "..." button read as
     * wrapping and folded the path into one pill at any width. Wrapping is a button that
     * starts on another row.
     */
    areItemsWrapping() {
        const buttons = [...this.rootRef.el.querySelectorAll(":scope > :not(.d-none)")];
        if (buttons.length < 2) {
            return false;
        }
        const rects = buttons.map((button) => button.getBoundingClientRect());
        const tops = rects.map((rect) => rect.top);
        const rowHeight = Math.min(...rects.map((rect) => rect.height));
        return Math.max(...tops) - Math.min(...tops) >= rowHeight / 2;
    }

    get furthestTitle() {
        return _t("Furthest state reached");
    }

    async selectItem(item) {
        if (this.lockedMessage) {
            this.notification.add(this.lockedMessage, { type: "warning" });
            return;
        }
        const { name, record } = this.props;
        const previous = record.data[name];
        const wasDirty = await record.isDirty();
        await record.update({ [name]: { id: item.value, display_name: item.label } });
        await record.save({
            onError: async (error, { discard }) => {
                if (wasDirty) {
                    await record.update({ [name]: previous });
                } else {
                    discard();
                }
                throw error;
            },
        });
    }
}

export const interestStatusBarField = {
    ...rottingStatusBarDurationField,
    component: InterestStatusBarField,
    extractProps: (fieldInfo, dynamicInfo) => ({
        ...rottingStatusBarDurationField.extractProps(fieldInfo, dynamicInfo),
        lockedField: fieldInfo.options.locked_field,
    }),
    fieldDependencies: [
        ...(rottingStatusBarDurationField.fieldDependencies || []),
        { name: "furthest_stage_id", type: "many2one" },
    ],
};

registry.category("fields").add("interest_statusbar", interestStatusBarField);
