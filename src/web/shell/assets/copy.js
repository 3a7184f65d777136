// Small helpers that save a reader time; every page works without them.
// - "Copy" beside a citation copies it (the button stays hidden without JavaScript).
// - "Print or save as PDF" opens the browser's print dialog (the print stylesheet drops the navigation).
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const label = button.textContent;
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      button.textContent = button.dataset.copied || label;
    } catch {
      const range = document.createRange();
      range.selectNodeContents(button.parentElement.querySelector('.cite-text') || button.parentElement);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }
    setTimeout(() => (button.textContent = label), 2000);
  });
}
for (const button of document.querySelectorAll('button[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
