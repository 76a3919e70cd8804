import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { SoftphonePopups } from "@crm_softphone/js/softphone_service";

/**
 * The popup of an incoming call names the client's key persons (Ключевые лица) first, with
 * their role in his decisions and their position (crm_client_base_softphone).
 */
patch(SoftphonePopups.prototype, {
    sections(call) {
        const sections = super.sections(call);
        if (call.key_persons?.length) {
            sections.unshift({
                key: "key_persons",
                title: _t("Key persons"),
                items: call.key_persons.map((person) => ({
                    id: person.id,
                    model: "res.partner",
                    name: person.name,
                    details: [{ text: person.role }, { text: person.function }].filter(
                        (detail) => detail.text
                    ),
                })),
            });
        }
        return sections;
    },
});
