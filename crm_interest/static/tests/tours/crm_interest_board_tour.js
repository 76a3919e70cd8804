import { registry } from "@web/core/registry";

const TITLES = ".o_kanban_group .o_column_title > span:first-child";

function checkColumns(expected) {
    const titles = [...document.querySelectorAll(TITLES)].map((el) => el.textContent.trim());
    if (JSON.stringify(titles) !== JSON.stringify(expected)) {
        throw new Error(`Kanban columns are ${titles}, expected ${expected}`);
    }
}

function checkNoCard(name) {
    const cards = [...document.querySelectorAll(".o_kanban_record")];
    if (cards.some((card) => card.textContent.includes(name))) {
        throw new Error(`"${name}" is on a board of another scenario`);
    }
}

/**
 * "My Sales" with "All" scenarios chosen: one board never mixes two processes. The
 * salesman sees the states of his team's scenario only, then the other scenario's states
 * when he picks it. Data: crm_interest/tests/test_ui.py (test_board_one_scenario).
 */
registry.category("web_tour.tours").add("crm_interest_board_tour", {
    url: "/odoo/action-crm_interest.crm_lead_action_my_sales",
    steps: () => [
        {
            content: "All scenarios: the board shows the team's scenario and its interest",
            trigger: ".o_kanban_record:contains(Board desks)",
            run() {
                checkColumns(["Tour contact", "Tour offer", "Tour won"]);
                checkNoCard("Board tender");
            },
        },
        {
            content: "Pick the other scenario",
            trigger: ".o_search_panel_category_value header:contains(Tour tender)",
            run: "click",
        },
        {
            content: "Its board shows its own states and interest only",
            trigger: ".o_kanban_record:contains(Board tender)",
            run() {
                checkColumns(["Tender request", "Tender won"]);
                checkNoCard("Board desks");
            },
        },
    ],
});
