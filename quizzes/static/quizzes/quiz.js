// Progressive enhancement for quiz pages: one question per screen with a progress bar, a
// countdown for timed quizzes, and one submission per click. Without this file the form shows
// every question at once and posts the same way.
(function () {
  "use strict";

  function isAnswered(question) {
    return question.querySelector("input:checked") !== null;
  }

  function makeButton(label, name) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.dataset[name] = "";
    return button;
  }

  function warn(question, message) {
    question.classList.add("has-error");
    if (!question.querySelector(".js-required")) {
      const note = document.createElement("p");
      note.className = "errorlist js-required";
      note.setAttribute("role", "alert");
      note.textContent = message;
      question.querySelector(".choices").before(note);
    }
    const first = question.querySelector("input");
    if (first) first.focus();
  }

  function stepThrough(form) {
    const questions = Array.from(form.querySelectorAll("[data-question]"));
    const submit = form.querySelector(".quiz-submit");
    if (questions.length < 2 || !submit) return;
    const labels = form.dataset;
    // Hidden questions cannot show the browser's own "required" bubble; this script checks instead.
    form.noValidate = true;

    const progress = document.createElement("div");
    progress.className = "quiz-progress";
    const text = document.createElement("span");
    text.id = "quiz-progress-text";
    const bar = document.createElement("progress");
    bar.max = questions.length;
    bar.setAttribute("aria-labelledby", text.id);
    progress.append(text, bar);
    questions[0].before(progress);

    const steps = document.createElement("div");
    steps.className = "quiz-steps";
    const previous = makeButton(labels.labelPrevious, "previous");
    const next = makeButton(labels.labelNext, "next");
    steps.append(previous, next);
    submit.before(steps);

    let current = questions.findIndex((q) => q.classList.contains("has-error"));
    if (current < 0) current = 0;

    function show(index, focus) {
      current = index;
      questions.forEach((question, i) => {
        question.hidden = i !== index;
      });
      bar.value = index + 1;
      text.textContent = labels.labelProgress
        .replace("%(current)s", String(index + 1))
        .replace("%(total)s", String(questions.length));
      previous.hidden = index === 0;
      next.hidden = index === questions.length - 1;
      submit.hidden = index !== questions.length - 1;
      if (focus) {
        questions[index].tabIndex = -1;
        questions[index].focus();
      }
    }

    next.addEventListener("click", () => {
      if (current >= questions.length - 1) return;
      if (!isAnswered(questions[current])) {
        warn(questions[current], labels.labelRequired);
        return;
      }
      show(current + 1, true);
    });
    previous.addEventListener("click", () => {
      if (current > 0) show(current - 1, true);
    });
    form.addEventListener("change", (event) => {
      const question = event.target.closest("[data-question]");
      if (question && isAnswered(question)) {
        question.classList.remove("has-error");
        question.querySelectorAll(".js-required").forEach((note) => note.remove());
      }
    });
    form.addEventListener("submit", (event) => {
      const missing = questions.findIndex((q) => !isAnswered(q));
      if (missing >= 0) {
        event.preventDefault();
        show(missing, false);
        warn(questions[missing], labels.labelRequired);
      }
    });
    // The error summary links to answers in questions this script hides: show the one linked,
    // before the site's script (listening later, as the event bubbles) scrolls to it.
    document.addEventListener(
      "click",
      (event) => {
        const link = event.target.closest(".error-summary a[href^='#']");
        const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
        const index = target ? questions.indexOf(target.closest("[data-question]")) : -1;
        if (index >= 0) show(index, false);
      },
      { capture: true },
    );
    show(current, false);
  }

  function submitOnce(form) {
    form.addEventListener("submit", (event) => {
      if (event.defaultPrevented) return;
      const button = form.querySelector("[data-submit]");
      // Disable after the browser has taken the click, so the submission itself goes ahead.
      if (button) window.setTimeout(() => { button.disabled = true; }, 0);
    });
  }

  function countDown(element) {
    const deadline = Date.parse(element.dataset.deadline);
    const out = element.querySelector("[data-countdown]");
    if (Number.isNaN(deadline) || !out) return;
    function tick() {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      if (left === 0) {
        out.textContent = element.dataset.labelUp;
        out.setAttribute("role", "alert");
        return;
      }
      const minutes = Math.floor(left / 60);
      const seconds = String(left % 60).padStart(2, "0");
      out.textContent = `${element.dataset.labelLeft} ${minutes}:${seconds}`;
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  document.querySelectorAll("[data-quiz-form]").forEach((form) => {
    stepThrough(form);
    submitOnce(form);
  });
  document.querySelectorAll("[data-deadline]").forEach(countDown);
})();
