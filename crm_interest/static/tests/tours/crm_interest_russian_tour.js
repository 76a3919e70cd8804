import { registry } from "@web/core/registry";

/**
 * A Russian salesman's screens must be Russian (crm_interest/tests/test_ui.py,
 * TestInterestRussianTour): the My Sales board, the interest form and the sales funnel fail
 * the tour when a visible text there is English, and name the words found.
 */
// names, not words: codes, the product name and its bot (a user of the demo data)
const ALLOWED = new Set(["AI", "CSV", "USD", "EUR", "RUB", "ID", "Odoo", "OdooBot"]);

function englishWords(root) {
    const found = new Set();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const element = node.parentElement;
        if (!element || !element.checkVisibility() || element.closest("script, style, .o_debug_manager")) {
            continue;
        }
        for (const word of node.textContent.match(/[A-Za-z]{2,}/g) || []) {
            if (!ALLOWED.has(word)) {
                found.add(word);
            }
        }
    }
    return [...found];
}

function checkRussian(what) {
    const words = englishWords(document.querySelector(".o_action_manager"));
    if (words.length) {
        throw new Error(`English on ${what}: ${words.join(", ")}`);
    }
}

registry.category("web_tour.tours").add("crm_interest_russian_tour", {
    url: "/odoo/action-crm_interest.crm_lead_action_my_sales",
    steps: () => [
        {
            // the salesman's team scenario is shown by default
            content: "The board is Russian",
            trigger: ".o_kanban_record:contains(Столы для Ромашки)",
            run() {
                checkRussian("the My Sales board");
            },
        },
        {
            content: "Open the interest",
            trigger: ".o_kanban_record:contains(Столы для Ромашки)",
            run: "click",
        },
        {
            content: "The interest form is Russian",
            trigger: ".o_form_view .o_statusbar_status:has(.o_arrow_button_current:contains(Первичный контакт))",
            run() {
                checkRussian("the interest form");
            },
        },
        {
            content: "Every tab of the form is Russian too",
            trigger: ".o_form_view .o_notebook_headers",
            async run() {
                for (const tab of document.querySelectorAll(".o_notebook_headers a")) {
                    tab.click();
                    await new Promise((resolve) => setTimeout(resolve, 100));
                    checkRussian(`the tab "${tab.textContent.trim()}"`);
                }
            },
        },
        {
            content: "Open the sales funnel",
            trigger: ".o_form_view",
            run() {
                window.location.href = "/odoo/action-crm_interest.crm_interest_funnel_report_action";
            },
            expectUnloadPage: true,
        },
        {
            content: "Pick the scenario",
            trigger: ".o_crm_interest_funnel select.o_funnel_scenario",
            run: "selectByLabel Продажа мебели",
        },
        {
            content: "The funnel is Russian",
            trigger: ".o_funnel_row:contains(Первичный контакт)",
            run() {
                checkRussian("the sales funnel");
            },
        },
    ],
});
