import { useEffect, useRef, useState } from 'react';
import { Flex, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { presentedCard, useCounterLookup, useRefreshLookup } from '../counter.api';
import { CounterMember } from '../components/CounterMember';
import { CounterSearch } from '../components/CounterSearch';

/**
 * 积分兑换台, used all day by store staff: one search box (phone or member number; Enter searches), the members found
 * (a single hit is chosen at once), then the chosen member's redemption panel. Accounts are brand-wide, so any store
 * redeems for any member; the redemption is recorded at the caller's store.
 */
export default function CounterPage() {
  const { t } = useTranslation('loyalty');
  const [draft, setDraft] = useState('');
  const [text, setText] = useState<string | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const found = useCounterLookup(text);
  const refresh = useRefreshLookup();
  const searchBox = useRef<InputRef>(null);
  // The search whose single hit was chosen already: a later refresh (after a redemption) keeps the staff's choice.
  const autoChosenFor = useRef<string | null>(null);
  useEffect(() => {
    if (!text || !found.done || autoChosenFor.current === text) return;
    autoChosenFor.current = text;
    setChosenId(found.hits.length === 1 ? found.hits[0].memberId : null);
  }, [text, found.done, found.hits]);
  const chosen = found.hits.find((h) => h.memberId === chosenId) ?? null;

  const search = (value: string) => {
    const s = value.trim();
    autoChosenFor.current = null;
    if (!s) {
      setText(null);
      setChosenId(null);
    } else if (s === text) void refresh();
    else setText(s);
  };
  const clear = () => {
    setChosenId(null);
    setText(null);
    autoChosenFor.current = null;
    setDraft('');
    searchBox.current?.focus();
  };
  return (
    <>
      <PageHeader title={t('counter.desk.title')} subTitle={t('counter.desk.subTitle')} />
      <Flex vertical gap={16}>
        <CounterSearch
          ref={searchBox}
          value={draft}
          onChange={setDraft}
          hits={found.hits}
          searched={found.searched}
          loading={found.isFetching && !found.done}
          problem={found.problem}
          chosenId={chosen?.memberId ?? null}
          onSearch={search}
          onChoose={(h) => setChosenId(h.memberId)}
        />
        {chosen ? <CounterMember key={chosen.memberId} member={chosen} presented={presentedCard(chosen, text)} onClear={clear} /> : null}
      </Flex>
    </>
  );
}
