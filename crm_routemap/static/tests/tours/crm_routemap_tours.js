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

const CANVAS = ".o_form_view .o_routemap_canvas";

/**
 * Mouse events as a hand gives them: over `target`, moving to (x, y), released there, and the
 * click that follows a release (the modeler swallows it after a drag).
 */
function dropAt(target, x, y) {
    const at = {bubbles: true, cancelable: true, view: window, button: 0, clientX: x, clientY: y};
    target.dispatchEvent(new MouseEvent("mousemove", at));
    target.dispatchEvent(new MouseEvent("mouseover", at));
    target.dispatchEvent(new MouseEvent("mousemove", {...at, clientX: x + 1}));
    target.dispatchEvent(new MouseEvent("mouseup", {...at, clientX: x + 1}));
    target.dispatchEvent(new MouseEvent("click", {...at, clientX: x + 1}));
}

function centre(element) {
    const box = element.getBoundingClientRect();
    return [box.left + box.width / 2, box.top + box.height / 2];
}

/**
 * A consultant (sales administrator) draws on a draft map with the bpmn.io modeler: he ends
 * the start event with an end point (context pad), then takes an action point (a task) from
 * the palette and drops it on the arrow between them, which the modeler splits; saves and
 * activates (data from crm_routemap/tests/test_ui.py).
 */
registry.category("web_tour.tours").add("crm_routemap_modeler_tour", {
    steps: () => [
        {
            content: "Select the map's start event in the modeler",
            trigger: `${CANVAS} .djs-element[data-element-id=StartEvent_1] .djs-hit`,
            run: "click",
        },
        {
            content: "Append an end point to it",
            trigger: ".djs-context-pad .entry[data-action='append.end-event']",
            run: "click",
        },
        {
            content: "The end point and its arrow are drawn",
            trigger: `${CANVAS}:has(.djs-connection[data-element-id^=Flow_])`,
        },
        {
            content: "Take a task from the palette",
            trigger: `${CANVAS} .djs-palette .entry[data-action='create.task']`,
            run: "click",
        },
        {
            content: "Drop it on the arrow: the action point goes between start and end",
            trigger: `${CANVAS}:has(.djs-connection[data-element-id^=Flow_])`,
            run: function () {
                // (an arrow is a line: the tour sees the canvas, the hand aims at the line)
                const arrow = this.anchor.querySelector(".djs-connection[data-element-id^=Flow_]");
                const [x, y] = centre(arrow);
                dropAt(arrow, x, y);
            },
        },
        {
            content: "The action point is drawn (the test checks the arrows once saved)",
            trigger: `${CANVAS}:has(.djs-shape[data-element-id^=Activity_])`,
        },
        {
            content: "Save the map",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: nothing is left to fix",
            trigger: ".o_form_view .o_form_saved:not(:has(.alert-warning:visible))",
        },
        {
            content: "Activate the map",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_activate]",
            run: "click",
        },
        {
            content: "The map is active",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Active)",
        },
    ],
});

// ------------------------------------------------------------------ the diagram's screen

const DIAGRAM = ".o_routemap_diagram";

function viewboxScale(canvas) {
    const viewport = canvas.querySelector("svg g.viewport");
    return viewport.transform.baseVal.consolidate().matrix.a;
}

function fail(message) {
    throw new Error(message);
}

/**
 * The diagram fills its tab and the whole map is readable on open: the canvas nearly as
 * wide as the tab, the map fitted (not the 0.3 zoom of a 300 px field), clear of the
 * palette, with room for the context pad of the rightmost point.
 */
function checkFitted(canvas, {palette}) {
    const tab = canvas.closest(".tab-pane, .o_notebook_content, .tab-content");
    const width = canvas.getBoundingClientRect().width;
    const tabWidth = tab.getBoundingClientRect().width;
    if (width < 0.9 * tabWidth) {
        fail(`The diagram is ${width}px wide in a ${tabWidth}px tab`);
    }
    const scale = viewboxScale(canvas);
    if (!(scale > 0.5)) {
        fail(`The map opens at zoom ${scale}: it cannot be read`);
    }
    const box = canvas.getBoundingClientRect();
    const shapes = [...canvas.querySelectorAll(".djs-shape .djs-visual")].map((el) =>
        el.getBoundingClientRect()
    );
    const left = Math.min(...shapes.map((rect) => rect.left));
    const right = Math.max(...shapes.map((rect) => rect.right));
    if (left < box.left || right > box.right) {
        fail(`The map (${left}-${right}) is not inside the canvas (${box.left}-${box.right})`);
    }
    if (palette) {
        const paletteRight = canvas.querySelector(".djs-palette").getBoundingClientRect().right;
        if (paletteRight > left) {
            fail(`The palette (up to ${paletteRight}) covers the map (from ${left})`);
        }
    }
}

/** The boxes that scroll around the diagram: the page's and the modeler's own. */
function scrollers(canvas) {
    const boxes = [document.scrollingElement, canvas, canvas.querySelector(".djs-container")];
    for (let box = canvas.parentElement; box; box = box.parentElement) {
        if (box.scrollHeight > box.clientHeight || box.scrollWidth > box.clientWidth) {
            boxes.push(box);
        }
    }
    return boxes;
}

function scrolls(canvas) {
    return JSON.stringify(scrollers(canvas).map((box) => [box.scrollTop, box.scrollLeft]));
}

let scrollsBefore = null;

/**
 * A consultant opens a map as big as the demo's "Typical sale" on a 1440 px screen: it fills
 * the Diagram tab and is fitted clear of the palette; the context pad of the rightmost point
 * is not cut; editing a label does not move the page; full screen and back (data from
 * crm_routemap/tests/test_ui.py).
 */
registry.category("web_tour.tours").add("crm_routemap_diagram_tour", {
    steps: () => [
        {
            content: "The map is drawn in the modeler",
            trigger: `${CANVAS} .djs-element[data-element-id=Won] .djs-hit`,
        },
        {
            content: "It fills the tab and is fitted, clear of the palette",
            trigger: `${CANVAS} .djs-palette .entry`,
            run() {
                checkFitted(this.anchor.closest(".o_routemap_canvas"), {palette: true});
            },
        },
        {
            content: "Select the rightmost point",
            trigger: `${CANVAS} .djs-element[data-element-id=Won] .djs-hit`,
            run: "click",
        },
        {
            content: "Its context pad is shown whole inside the canvas",
            trigger: `${CANVAS} .djs-context-pad.open .entry`,
            run() {
                const canvas = this.anchor.closest(".o_routemap_canvas");
                const pad = canvas.querySelector(".djs-context-pad").getBoundingClientRect();
                const box = canvas.getBoundingClientRect();
                if (pad.right > box.right || pad.bottom > box.bottom) {
                    fail(`The context pad (${pad.right}) is cut at ${box.right}`);
                }
            },
        },
        {
            content: "Pan the map (mouse wheel) until the offer is half out at the bottom edge",
            trigger: `${CANVAS} .djs-element[data-element-id=Offer] .djs-hit`,
            run() {
                const canvas = this.anchor.closest(".o_routemap_canvas");
                const container = canvas.querySelector(".djs-container");
                const [x, y] = centre(this.anchor);
                const dy = canvas.getBoundingClientRect().bottom - y;
                // the modeler scrolls by 0.75 x the wheel's delta, the other way
                const at = {bubbles: true, cancelable: true, clientX: x, clientY: y};
                container.dispatchEvent(new WheelEvent("wheel", {...at, deltaY: -dy / 0.75}));
                // and the page (as far as it goes) so that the canvas's bottom edge is in the
                // middle of the screen
                let page = canvas.parentElement;
                while (page.scrollHeight <= page.clientHeight) {
                    page = page.parentElement;
                }
                page.scrollTop += canvas.getBoundingClientRect().bottom - window.innerHeight / 2;
            },
        },
        {
            content: "Edit the label of the offer (double click)",
            trigger: `${CANVAS} .djs-element[data-element-id=Offer] .djs-hit`,
            run() {
                const canvas = this.anchor.closest(".o_routemap_canvas");
                const box = canvas.getBoundingClientRect();
                const [x, y] = centre(this.anchor);
                if (Math.abs(y - box.bottom) > 5) {
                    fail(`The offer is at ${y}, not at the bottom edge ${box.bottom}`);
                }
                scrollsBefore = scrolls(canvas);
                const at = {bubbles: true, cancelable: true, view: window, clientX: x, clientY: y};
                this.anchor.dispatchEvent(new MouseEvent("dblclick", {...at, detail: 2}));
            },
        },
        {
            content: "Type a name of several lines",
            trigger: `${CANVAS} .djs-direct-editing-parent .djs-direct-editing-content`,
            run() {
                this.anchor.focus();
                for (const line of ["and call", "the client", "back the next", "morning"]) {
                    document.execCommand("insertLineBreak");
                    document.execCommand("insertText", false, line);
                }
                if (!this.anchor.innerText.includes("back the next")) {
                    fail("The label could not be typed in");
                }
            },
        },
        {
            content: "The page and the diagram stayed where they were",
            trigger: `${CANVAS} .djs-direct-editing-parent`,
            async run() {
                // (a scroll is seen, and may be undone, at the next frames)
                await new Promise((resolve) =>
                    requestAnimationFrame(() => requestAnimationFrame(resolve))
                );
                const canvas = this.anchor.closest(".o_routemap_canvas");
                const now = scrolls(canvas);
                if (now !== scrollsBefore) {
                    fail(`The page moved while the label was edited: ${scrollsBefore} -> ${now}`);
                }
                // leave the label as it was
                this.anchor
                    .querySelector(".djs-direct-editing-content")
                    .dispatchEvent(
                        new KeyboardEvent("keydown", {key: "Escape", keyCode: 27, bubbles: true})
                    );
            },
        },
        {
            content: "Go full screen",
            trigger: `${DIAGRAM} .o_routemap_fullscreen_toggle`,
            run: "click",
        },
        {
            content: "The diagram covers the screen, fitted again",
            trigger: `${DIAGRAM}.o_routemap_fullscreen ${CANVAS.split(" ").pop()}`,
            run() {
                const box = this.anchor.getBoundingClientRect();
                if (box.width < 0.95 * window.innerWidth || box.height < 0.8 * window.innerHeight) {
                    fail(`Full screen is ${box.width}x${box.height}`);
                }
                const top = document.elementFromPoint(window.innerWidth / 2, 5);
                if (!top || !top.closest(DIAGRAM)) {
                    fail("Something covers the full-screen diagram");
                }
                if (!(viewboxScale(this.anchor) > 0.5)) {
                    fail("The full-screen diagram is not fitted");
                }
            },
        },
        {
            content: "Leave full screen",
            trigger: `${DIAGRAM}.o_routemap_fullscreen .o_routemap_fullscreen_toggle`,
            run: "click",
        },
        {
            content: "Back in its tab",
            trigger: `${DIAGRAM}:not(.o_routemap_fullscreen) ${CANVAS.split(" ").pop()}`,
            run() {
                checkFitted(this.anchor, {palette: true});
            },
        },
    ],
});

/**
 * A salesman (reading Russian) opens an interest driven by a route map: no "Won" or "Lost"
 * button; a click on a state tells him the map drives the interest and which task is next;
 * the Route Map tab shows the map fitted with the points' names in his language (data from
 * crm_routemap/tests/test_ui.py).
 */
registry.category("web_tour.tours").add("crm_routemap_interest_screen_tour", {
    steps: () => [
        {
            content: "The map-driven interest is open",
            trigger: ".o_form_view .o_field_interest_statusbar button.o_arrow_button_current",
        },
        {
            content: "Neither Won nor Lost is offered",
            trigger:
                ".o_form_view .o_statusbar_buttons:not(:has(button[name=action_set_won_rainbowman])):not(:has(button[data-hotkey=l]))",
        },
        {
            content: "The map's early termination is offered instead",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_routemap_terminate]",
        },
        {
            content: "Pointing at a state already says what moves the interest",
            trigger:
                ".o_form_view .o_field_interest_statusbar button.o_arrow_button[title*='Тур: квалифицировать']:contains(Tour offer)",
        },
        {
            content: "Try to move the interest to the next state",
            trigger:
                ".o_form_view .o_field_interest_statusbar button.o_arrow_button:not(.o_arrow_button_current):not(:disabled):contains(Tour offer)",
            run: "click",
        },
        {
            content: "He is told the map drives it and which task is next",
            trigger: ".o_notification:contains(Тур: квалифицировать):contains(Tour Seller)",
        },
        {
            content: "The state did not move, nothing is left unsaved",
            trigger:
                ".o_form_view .o_form_saved .o_field_interest_statusbar button.o_arrow_button_current:contains(Tour contact)",
        },
        {
            content: "Open the Route Map tab",
            trigger: ".o_form_view .o_notebook a[name=routemap]",
            run: "click",
        },
        {
            content: "The map's labels are the points' names in his language",
            trigger: `${CANVAS} .djs-element[data-element-id=A] text:contains(Тур: квалифицировать)`,
            run() {
                checkFitted(this.anchor.closest(".o_routemap_canvas"), {palette: false});
            },
        },
        {
            content: "The current point is marked",
            trigger: `${CANVAS} .djs-element.o_routemap_current[data-element-id=A]`,
        },
    ],
});

/**
 * A consultant reading Russian opens a draft map drawn in English: the modeler shows the
 * points' Russian names; he adds an end point and saves (data from
 * crm_routemap/tests/test_routemap_screens.py).
 */
registry.category("web_tour.tours").add("crm_routemap_modeler_russian_tour", {
    steps: () => [
        {
            content: "The modeler shows the point's name in his language",
            trigger: `${CANVAS} .djs-element[data-element-id=A] text:contains(Квалифицировать)`,
        },
        {
            content: "Select the start event",
            trigger: `${CANVAS} .djs-element[data-element-id=S] .djs-hit`,
            run: "click",
        },
        {
            content: "Append an end point to it",
            trigger: ".djs-context-pad .entry[data-action='append.end-event']",
            run: "click",
        },
        {
            content: "The end point is drawn",
            trigger: `${CANVAS}:has(.djs-connection[data-element-id^=Flow_])`,
        },
        {
            content: "Save the map",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Still in his language",
            trigger: `${CANVAS} .djs-element[data-element-id=A] text:contains(Квалифицировать)`,
        },
    ],
});
