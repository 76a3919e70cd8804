import {registry} from "@web/core/registry";

const ROW = (task) => `.o_data_row:contains(${task})`;

function complete(task, extra = []) {
    return [
        {
            content: `The task "${task}" waits in my route-map tasks`,
            trigger: `${ROW(task)} button[name=action_open_complete]`,
            run: "click",
        },
        ...extra,
        {
            content: "Complete it",
            trigger: ".modal-footer button[name=action_complete]",
            run: "click",
        },
        {
            content: "The dialog closes",
            trigger: `body:not(:has(.modal-dialog))`,
        },
    ];
}

/**
 * A salesperson completes a typical sale to won from his route-map tasks (data from
 * crm_routemap/tests/test_ui.py).
 */
registry.category("web_tour.tours").add("crm_routemap_sale_tour", {
    url: "/odoo/action-crm_routemap.crm_routemap_task_action",
    steps: () => [
        ...complete("Tour qualify", [
            {
                content: "Describe the result",
                trigger: ".modal .o_field_widget[name=result_text] textarea",
                run: "edit The client needs 20 desks",
            },
        ]),
        ...complete("Tour: does the client agree?", [
            {
                content: "Answer the question",
                trigger: ".modal .o_field_widget[name=answer_id] input",
                run: "edit Yes",
            },
            {
                content: "Pick the answer",
                trigger: ".o-autocomplete--dropdown-item:contains(Yes)",
                run: "click",
            },
        ]),
        ...complete("Tour create the customer order"),
    ],
});
