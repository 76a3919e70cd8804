import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { patch } from "@web/core/utils/patch";
import { session } from "@web/session";
import { PhoneField } from "@web/views/fields/phone/phone_field";

/**
 * Click-to-dial on every phone field (Odoo's own phone widget, in lists and forms): for a user
 * with an extension, a button that has the PBX ring his phone and then dial the number
 * (crm.softphone.dial/dial_from, which checks that he may read the record). The call is then
 * tied to the record it was dialled from.
 */
export class SoftphoneDialButton extends Component {
    static template = "crm_softphone.DialButton";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.title = _t("Call this number from your phone through the PBX");
        this.label = _t("Call");
    }

    get number() {
        return this.props.record.data[this.props.name] || "";
    }

    async onClick() {
        const record = this.props.record;
        if (record.isNew || (await record.isDirty())) {
            if (!(await record.save())) {
                return;
            }
        }
        const action = await this.orm.call("crm.softphone.dial", "dial_from", [], {
            number: this.number,
            res_model: record.resModel,
            res_id: record.resId,
        });
        await this.action.doAction(action);
    }
}

patch(PhoneField, {
    components: { ...PhoneField.components, SoftphoneDialButton },
});

patch(PhoneField.prototype, {
    get softphoneCanDial() {
        return Boolean(session.crm_softphone_can_dial && this.props.record.data[this.props.name]);
    },
});
