import { registry } from "@web/core/registry";

/**
 * One name per action (crm_interest_document/tests/test_ui.py): the interest offers one
 * "New Quotation"; its quotation (the commercial offer) one "Send" and one "Print".
 */
function headerButtons() {
    return [...document.querySelectorAll(".o_form_view .o_statusbar_buttons button")]
        .filter((button) => button.checkVisibility())
        .map((button) => button.textContent.trim());
}

function once(buttons, name) {
    const count = buttons.filter((text) => text === name).length;
    if (count !== 1) {
        throw new Error(`"${name}" shows ${count} times in ${buttons.join(" | ")}`);
    }
}

registry.category("web_tour.tours").add("crm_interest_document_tour", {
    steps: () => [
        {
            content: "The interest offers one New Quotation",
            trigger: ".o_form_view .o_statusbar_buttons button:contains(New Quotation)",
            run() {
                const buttons = headerButtons();
                once(buttons, "New Quotation");
                if (buttons.some((text) => text.includes("Commercial Offer") || text === "Supplier Orders")) {
                    throw new Error(`header: ${buttons.join(" | ")}`);
                }
            },
        },
        {
            content: "Make the commercial offer",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_interest_create_quotation]",
            run: "click",
        },
        {
            content: "The quotation has one Send and one Print",
            trigger: ".o_breadcrumb:contains(Tour document desks) .active:contains(S0)",
            run() {
                const buttons = headerButtons();
                once(buttons, "Send");
                once(buttons, "Print");
                if (buttons.some((text) => text.includes("Commercial Offer"))) {
                    throw new Error(`header: ${buttons.join(" | ")}`);
                }
            },
        },
    ],
});
