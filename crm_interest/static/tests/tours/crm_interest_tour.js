import { registry } from "@web/core/registry";

const INTEREST = "Tour desks for Romashka";
const COLUMN = (state) => `.o_kanban_group:has(.o_column_title:contains(${state}))`;
const CARD = `.o_kanban_record:contains(${INTEREST})`;
const CHECKLIST_DONE =
    ".o_field_widget[name=checklist_line_ids] .o_data_row:contains(Call the decision maker) " +
    ".o_field_widget[name=done] input";

/**
 * A salesperson creates an interest in "My Sales", ticks its checklist, moves it
 * along the kanban and marks it lost. The data comes from
 * crm_interest/tests/test_ui.py (scenario "Tour sale").
 */
registry.category("web_tour.tours").add("crm_interest_tour", {
    url: "/odoo/action-crm_interest.crm_lead_action_my_sales",
    steps: () => [
        {
            content: "Pick another scenario in the search panel",
            trigger: ".o_search_panel_category_value header:contains(Tour tender)",
            run: "click",
        },
        {
            content: "The board shows that scenario's states",
            trigger: `.o_opportunity_kanban:has(${COLUMN("Tender request")}):not(:has(${COLUMN("Tour won")}))`,
        },
        {
            content: "Pick the tour's scenario",
            trigger: ".o_search_panel_category_value header:contains(Tour sale)",
            run: "click",
        },
        {
            content: "The kanban shows the states of that scenario",
            trigger: `.o_opportunity_kanban:has(${COLUMN("Tour won")}):not(:has(${COLUMN("Tender request")}))`,
            run() {
                const titleEls = document.querySelectorAll(
                    ".o_kanban_group .o_column_title > span:first-child"
                );
                const titles = [...titleEls].map((title) => title.textContent.trim());
                const expected = ["Tour contact", "Tour offer", "Tour won"];
                if (JSON.stringify(titles) !== JSON.stringify(expected)) {
                    throw new Error(`Kanban columns are ${titles}, expected ${expected}`);
                }
            },
        },
        {
            // the column's own "+" (the global New opens a form when pressed while the board
            // is still reloading after the search panel click)
            content: "Create an interest in the scenario's first state",
            trigger: `${COLUMN("Tour contact")} .o_kanban_quick_add`,
            run: "click",
        },
        {
            content: "It is created in the scenario's first state",
            trigger: `${COLUMN("Tour contact")} .o_kanban_quick_create [name=name] input`,
            run: `edit ${INTEREST}`,
        },
        {
            content: "Add it",
            trigger: ".o_kanban_quick_create button.o_kanban_add",
            run: "click",
        },
        {
            content: "Its card shows the checklist item still to do",
            trigger: `${COLUMN("Tour contact")} ${CARD}:contains(1 to do)`,
        },
        {
            // Adding the card leaves a fresh quick create open: close it before opening the card.
            content: "Close the quick create",
            trigger: ".o_kanban_quick_create .o_kanban_cancel",
            run: "click",
        },
        {
            content: "Open the interest",
            trigger: `.o_kanban_renderer:not(:has(.o_kanban_quick_create)) ${CARD}`,
            run: "click",
        },
        {
            content: "Open the Checklist tab",
            trigger: ".o_form_view .o_notebook_headers a[name=interest_checklist]",
            run: "click",
        },
        {
            content: "Tick the checklist line",
            trigger: `${CHECKLIST_DONE}:not(:checked)`,
            run: "click",
        },
        {
            content: "The line is done",
            trigger: `${CHECKLIST_DONE}:checked`,
        },
        {
            content: "Back to My Sales (the form saves on leaving)",
            trigger: ".o_back_button",
            run: "click",
        },
        {
            content: "Nothing is left to do on the card: move it to the next state",
            trigger: `${COLUMN("Tour contact")} ${CARD}:not(:contains(to do))`,
            run: `drag_and_drop (${COLUMN("Tour offer")})`,
        },
        {
            content: "The interest is in the next state",
            trigger: `${COLUMN("Tour offer")} ${CARD}`,
        },
        {
            content: "The first state is empty",
            trigger: `${COLUMN("Tour contact")}:not(:has(.o_kanban_record:not(.o_kanban_ghost)))`,
        },
        {
            content: "Open the interest again",
            trigger: `${COLUMN("Tour offer")} ${CARD}`,
            run: "click",
        },
        {
            content: "Its status bar shows the new state",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Tour offer)",
        },
        {
            content: "Mark it lost",
            trigger: ".o_statusbar_buttons button:contains(Lost)",
            run: "click",
        },
        {
            content: "Pick the loss reason",
            trigger: ".modal [name=lost_reason_id] .o_selection_badge:contains('Tour: budget cut')",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_lost_reason_apply]",
            run: "click",
        },
        {
            content: "The interest is lost",
            trigger: ".o_form_view:not(:has(.modal)) .ribbon:contains(Lost)",
        },
    ],
});
