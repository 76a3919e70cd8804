import { registry } from "@web/core/registry";

/**
 * The interest form as the salesman sees it (crm_interest/tests/test_ui.py,
 * TestInterestFormTour): the scenario's path with the current and the furthest state, few
 * header buttons, one probability with its basis, days in the state history, a refused move
 * put back, a checklist item the data ticks.
 */
const PATH = ".o_form_view .o_statusbar_status";
const DEMAND_ITEM =
    ".o_field_widget[name=checklist_line_ids] .o_data_row:contains(Primary demand recorded)";

function check(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

registry.category("web_tour.tours").add("crm_interest_form_tour", {
    steps: () => [
        {
            content: "The path shows the scenario's states, the current one and the furthest",
            trigger: `${PATH}:has(.o_arrow_button_current:contains(Form needs)):has(button[data-furthest='1']:contains(Form offer))`,
            run() {
                const states = [...document.querySelectorAll(`${PATH} button.o_arrow_button[data-value]`)]
                    .map((button) => button.textContent.trim());
                check(
                    states.some((s) => s.startsWith("Form contact")) &&
                        states.some((s) => s.startsWith("Form needs")) &&
                        states.some((s) => s.startsWith("Form offer")),
                    `the path shows ${states}`
                );
                const buttons = [...document.querySelectorAll(".o_statusbar_buttons button")]
                    .filter((button) => button.offsetParent)
                    .map((button) => button.textContent.trim());
                check(buttons.length <= 4, `the header carries ${buttons.length} buttons: ${buttons}`);
                for (const moved of ["Register Claim", "Supplier Orders", "Go to State", "Commercial Offer"]) {
                    check(!buttons.includes(moved), `"${moved}" is still in the header`);
                }
            },
        },
        {
            content: "One probability, with where it comes from; the estimate is not beside it",
            trigger: ".o_form_view .o_field_widget[name=probability_basis]:contains(set by hand)",
            run() {
                const estimate = document.querySelector(".o_field_widget[name=probability_estimate]");
                check(!estimate || !estimate.offsetParent, "the estimate shows beside the probability");
                // Odoo's lead scoring is no second figure in the header: no "~xx %", no AI switch
                const header = document.querySelector(".o_form_view .oe_title").closest(".o_form_sheet");
                for (const selector of [
                    ".o_field_widget[name=automated_probability]",
                    "[name=action_set_automated_probability]",
                    ".o_field_widget[name=lead_scoring_probability]",
                ]) {
                    const element = header.querySelector(selector);
                    check(!element || !element.offsetParent, `the header shows ${selector}`);
                }
                const figures = [...header.querySelectorAll("h2")].map((h2) => h2.textContent).join(" ");
                check(!figures.includes("~"), `the header shows a second probability: ${figures}`);
                const similar = document.querySelector(".o_form_view .oe_button_box");
                check(!similar || !similar.textContent.includes("Similar Lead"), "a smart button says lead");
            },
        },
        {
            content: "The state history shows days and hours",
            trigger: ".o_notebook_headers a[name=interest_history]",
            run: "click",
        },
        {
            content: "Time in state reads as days",
            trigger: ".o_field_widget[name=stage_history_ids] .o_data_row:contains(Form contact) td[name=duration_display]:contains(2 d 3 h)",
        },
        {
            content: "Try to go to the offer before the demand is recorded",
            trigger: `${PATH} button[data-value]:contains(Form offer)`,
            run: "click",
        },
        {
            content: "The move is refused with what is still to do",
            trigger: ".modal:contains(Primary demand recorded) .modal-footer button",
            run: "click",
        },
        {
            content: "The form is back on its state and has nothing unsaved",
            trigger: `${PATH}:has(.o_arrow_button_current:contains(Form needs))`,
            run() {
                check(
                    !document.querySelector(".o_form_view .o_form_status_indicator_buttons:not(.invisible) .o_form_button_save"),
                    "the refused state stays as an unsaved change"
                );
            },
        },
        {
            content: "Open the demand",
            trigger: ".o_notebook_headers a[name=interest_demand]",
            run: "click",
        },
        {
            content: "Add a line",
            trigger: ".o_field_widget[name=demand_line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "What the client wants",
            trigger: ".o_field_widget[name=demand_line_ids] .o_data_row [name=name] textarea, .o_field_widget[name=demand_line_ids] .o_data_row [name=name] input",
            run: "edit Standing desks",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved, .o_form_view:not(:has(.o_form_button_save:visible))",
        },
        {
            content: "Open the checklist",
            trigger: ".o_notebook_headers a[name=interest_checklist]",
            run: "click",
        },
        {
            content: "The data ticked the demand item by itself; it is not ticked by hand",
            trigger: `${DEMAND_ITEM} .o_field_widget[name=done]:has(input:checked:disabled)`,
        },
        {
            content: "Now the move to the offer goes through",
            trigger: `${PATH} button[data-value]:contains(Form offer)`,
            run: "click",
        },
        {
            content: "The interest is in the offer state",
            trigger: `${PATH}:has(.o_arrow_button_current:contains(Form offer))`,
        },
        {
            content: "Saved: nothing left unsaved on the form",
            trigger: ".o_form_view .o_form_editable:not(.o_form_dirty)",
        },
        {
            content: "The client chose another supplier: mark the interest lost",
            trigger: ".o_statusbar_buttons button:contains(Lost)",
            run: "click",
        },
        {
            content: "Lost to a competitor",
            trigger: ".modal [name=lost_reason_id] .o_selection_badge:contains('Form: lost to a competitor')",
            run: "click",
        },
        {
            content: "Name the competitor",
            trigger: ".modal .o_field_widget[name=lost_competitor_id] input",
            run: "edit Form Rival",
        },
        {
            content: "Only the competitors directory is offered, not people",
            trigger: ".o-autocomplete--dropdown-item:contains(Form Rival LLC)",
            run() {
                const names = [...document.querySelectorAll(".o-autocomplete--dropdown-item")].map(
                    (item) => item.textContent.trim()
                );
                check(!names.some((name) => name.includes("Form Rival Person")), `offered: ${names}`);
                this.anchor.querySelector("a").click();
            },
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_lost_reason_apply]",
            run: "click",
        },
        {
            content: "The interest is lost, the competitor is among its participants",
            trigger: ".o_form_view:not(:has(.modal)) .ribbon:contains(Lost)",
        },
        {
            content: "Open the participants",
            trigger: ".o_notebook_headers a[name=interest_participants]",
            run: "click",
        },
        {
            content: "The competitor is a participant with the competitor role",
            trigger: ".o_field_widget[name=participant_ids] .o_data_row:contains(Form Rival LLC):contains(Competitor)",
        },
        {
            content: "Add another participant",
            trigger: ".o_field_widget[name=participant_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Open the roles",
            trigger: ".o_field_widget[name=participant_ids] .o_selected_row .o_field_widget[name=role] input",
            run: "click",
        },
        {
            content: "In the role of a competitor",
            trigger: ".o_select_menu_item:contains(Competitor)",
            run: "click",
        },
        {
            content: "Look for him",
            trigger: ".o_field_widget[name=participant_ids] .o_selected_row .o_field_widget[name=partner_id] input",
            run: "edit Form Rival",
        },
        {
            content: "A competitor is chosen among the competitors only, not among people",
            trigger: ".o-autocomplete--dropdown-item:contains(Form Rival LLC)",
            run() {
                const names = [...document.querySelectorAll(".o-autocomplete--dropdown-item")].map(
                    (item) => item.textContent.trim()
                );
                check(!names.some((name) => name.includes("Form Rival Person")), `offered: ${names}`);
            },
        },
        {
            content: "Leave the new line unsaved",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "Nothing was added",
            trigger: ".o_field_widget[name=participant_ids]:not(:has(.o_selected_row))",
        },
    ],
});

/**
 * The interest's header on a wide screen (crm_interest/tests/test_ui.py,
 * TestInterestStatusbarTour, 1920 px): the scenario's path shows its states, not one pill;
 * no button calls an outside service (Enrich).
 */
function checkPath() {
    const shown = [...document.querySelectorAll(`${PATH} button.o_arrow_button[data-value]`)]
        .filter((button) => button.offsetParent && !button.classList.contains("d-none"))
        .map((button) => button.textContent.trim());
    const width = (selector) =>
        Math.round(document.querySelector(selector)?.getBoundingClientRect().width || 0);
    check(
        shown.length >= 4,
        `at ${window.innerWidth} px (zoom ${document.documentElement.style.zoom || 1}) the path ` +
            `shows ${shown.length} states: ${shown} (header ${width(".o_form_statusbar")} px, ` +
            `buttons ${width(".o_form_statusbar .o_statusbar_buttons")} px, path ` +
            `${width(".o_form_statusbar .o_field_interest_statusbar")} px)`
    );
}

registry.category("web_tour.tours").add("crm_interest_statusbar_tour", {
    steps: () => [
        {
            content: "The path is drawn with the current and the furthest state",
            trigger: `${PATH}:has(.o_arrow_button_current)`,
            run() {
                check(window.innerWidth >= 1900, `the window is ${window.innerWidth} px wide`);
                checkPath();
                const enrich = [...document.querySelectorAll(".o_form_view button[name=iap_enrich]")]
                    .filter((button) => button.offsetParent);
                check(!enrich.length, `the header offers ${enrich.map((b) => b.textContent.trim())}`);
                // a 1920 px screen at 125 % (a common laptop setting): sizes are fractional
                document.documentElement.style.zoom = "1.25";
                window.dispatchEvent(new Event("resize"));
            },
        },
        {
            content: "Zoomed to 125 %, the path still shows its states",
            trigger: `${PATH}:has(.o_arrow_button_current)`,
            async run() {
                await new Promise((resolve) => setTimeout(resolve, 500));
                checkPath();
                document.documentElement.style.zoom = "";
                window.dispatchEvent(new Event("resize"));
            },
        },
    ],
});
